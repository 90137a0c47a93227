package org.opendialer.campaign.runner;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.opendialer.contacts.dnc.external.ExternalDnc;
import org.opendialer.contacts.dnc.external.ExternalDncLists;

/**
 * The gate's last DNC check: a campaign's external lists (a provider's scrub, cached per list for a day), asked
 * after the consent ledger and the internal lists. A claim's batch is scrubbed in one request per list; a number
 * outside it alone. A provider that says do-not-call blocks ({@code dnc}); one that does not answer in its budget,
 * fails, or does not cover the number is not a yes: the number is not dialled ({@code externalDnc}, retried on a
 * later tick, as UNKNOWN is never cached) and the decision log says why.
 */
final class ExternalScrubs {

    static final ExternalScrubs NONE = new ExternalScrubs(List.of(), Map.of());

    /** One list's answers for a batch, and how long the scrub took. */
    private record Batch(Map<String, ExternalDnc.Verdict> verdicts, long millis) {
    }

    private final List<ExternalDncLists.Source> sources;
    private final Map<UUID, Batch> batches;

    ExternalScrubs(List<ExternalDncLists.Source> sources) {
        this(sources, Map.of());
    }

    private ExternalScrubs(List<ExternalDncLists.Source> sources, Map<UUID, Batch> batches) {
        this.sources = List.copyOf(sources);
        this.batches = batches;
    }

    /** These lists with {@code numbers} scrubbed now, one request per list. */
    ExternalScrubs forBatch(Collection<String> numbers) {
        if (sources.isEmpty() || numbers.isEmpty()) {
            return this;
        }
        Map<UUID, Batch> out = new HashMap<>();
        for (ExternalDncLists.Source s : sources) {
            out.put(s.listId(), scrub(s, numbers));
        }
        return new ExternalScrubs(sources, out);
    }

    /** Null when every external list allows {@code number}; else why not, as the decision log's verdict. */
    Verdict refusal(String number, String column) {
        for (ExternalDncLists.Source s : sources) {
            Batch b = batches.get(s.listId());
            if (b == null || !b.verdicts().containsKey(number)) {
                b = scrub(s, List.of(number));
            }
            ExternalDnc.Verdict v = b.verdicts().getOrDefault(number, ExternalDnc.Verdict.UNKNOWN);
            if (v == ExternalDnc.Verdict.BLOCKED) {
                return new Verdict(false, "dnc", number, column, number + " is on external DNC " + s.type()
                        + " (list " + s.listId() + ")");
            }
            if (v != ExternalDnc.Verdict.DIALABLE) {
                return new Verdict(false, "externalDnc", number, column, "external DNC " + s.type() + ": "
                        + unanswered(s, number, b.millis()) + " — not dialled");
            }
        }
        return null;
    }

    private static Batch scrub(ExternalDncLists.Source s, Collection<String> numbers) {
        long t0 = System.nanoTime();
        Map<String, ExternalDnc.Verdict> v = s.provider().scrub(numbers);
        return new Batch(v, (System.nanoTime() - t0) / 1_000_000);
    }

    private static String unanswered(ExternalDncLists.Source s, String number, long millis) {
        if (ExternalDncLists.DNC_COM.equals(s.type()) && !number.matches("\\+1\\d{10}")) {
            return "it answers for +1 (NANP) numbers only";
        }
        if (millis >= s.budget().toMillis()) {
            return "timeout after " + s.budget().toMillis() + " ms";
        }
        return "no answer for " + number + " (provider error or no key)";
    }
}
