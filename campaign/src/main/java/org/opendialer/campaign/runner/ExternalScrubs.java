package org.opendialer.campaign.runner;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.opendialer.contacts.dnc.external.ExternalDnc;
import org.opendialer.contacts.dnc.external.ExternalDncLists;

/**
 * The gate's last DNC check: a campaign's external lists (a provider's scrub, cached per list for a day, behind a
 * circuit breaker), asked after the consent ledger and the internal lists. A claim scrubs its batch
 * <em>before</em> its transaction ({@link #scrubbed}: one request per list, no lock held while the provider thinks)
 * and judges inside it on those answers alone; a number the scrub did not cover is not dialled on that claim.
 * Outside a claim (the dry run, a preview's call) a number is asked alone. A provider that says do-not-call blocks
 * ({@code dnc}); one that is down, late, backed off or does not cover the number is not a yes: the number is not
 * dialled ({@code externalDnc}, retried on a later tick, as neither answer is cached) and the decision log says why.
 */
final class ExternalScrubs {

    static final ExternalScrubs NONE = new ExternalScrubs(List.of(), Map.of(), true);

    /** One list's answers for a batch, and how long the scrub took. */
    private record Batch(Map<String, ExternalDnc.Verdict> verdicts, long millis) {
    }

    private final List<ExternalDncLists.Source> sources;
    private final Map<UUID, Batch> batches;
    /** Whether a number outside the batches may be asked now (false inside a claim's transaction). */
    private final boolean live;

    ExternalScrubs(List<ExternalDncLists.Source> sources) {
        this(sources, Map.of(), true);
    }

    private ExternalScrubs(List<ExternalDncLists.Source> sources, Map<UUID, Batch> batches, boolean live) {
        this.sources = List.copyOf(sources);
        this.batches = batches;
        this.live = live;
    }

    boolean any() {
        return !sources.isEmpty();
    }

    /** These lists with {@code numbers} scrubbed now, one request per list; no other number is asked afterwards. */
    ExternalScrubs scrubbed(Collection<String> numbers) {
        if (sources.isEmpty()) {
            return this;
        }
        Map<UUID, Batch> out = new HashMap<>();
        for (ExternalDncLists.Source s : sources) {
            out.put(s.listId(), numbers.isEmpty() ? new Batch(Map.of(), 0) : scrub(s, numbers));
        }
        return new ExternalScrubs(sources, out, false);
    }

    /** Null when every external list allows {@code number}; else why not, as the decision log's verdict. */
    Verdict refusal(String number, String column) {
        for (ExternalDncLists.Source s : sources) {
            Batch b = batches.get(s.listId());
            if (b == null || !b.verdicts().containsKey(number)) {
                if (!live) {
                    return new Verdict(false, "externalDnc", number, column, "external DNC " + s.type() + ": " + number
                            + " was not scrubbed before this claim (asked on a later tick) — not dialled");
                }
                b = scrub(s, List.of(number));
            }
            ExternalDnc.Verdict v = b.verdicts().getOrDefault(number, ExternalDnc.Verdict.UNKNOWN);
            if (v == ExternalDnc.Verdict.BLOCKED) {
                return new Verdict(false, "dnc", number, column, number + " is on external DNC " + s.type()
                        + " (list " + s.listId() + ")");
            }
            if (v != ExternalDnc.Verdict.DIALABLE) {
                return new Verdict(false, "externalDnc", number, column, "external DNC " + s.type() + ": "
                        + unanswered(s, number, v, b.millis()) + " — not dialled");
            }
        }
        return null;
    }

    private static Batch scrub(ExternalDncLists.Source s, Collection<String> numbers) {
        long t0 = System.nanoTime();
        Map<String, ExternalDnc.Verdict> v = s.provider().scrub(numbers);
        return new Batch(v, (System.nanoTime() - t0) / 1_000_000);
    }

    private static String unanswered(ExternalDncLists.Source s, String number, ExternalDnc.Verdict v, long millis) {
        if (ExternalDncLists.DNC_COM.equals(s.type()) && !number.matches("\\+1\\d{10}")) {
            return "it answers for +1 (NANP) numbers only";
        }
        if (v != ExternalDnc.Verdict.DOWN) {
            return "no answer for " + number + " (not covered, or no key)";
        }
        return "provider down" + (millis >= s.budget().toMillis() ? " (timeout after " + s.budget().toMillis() + " ms)" : "")
                + s.provider().downUntil().map(t -> ", asked again after " + t).orElse("");
    }
}
