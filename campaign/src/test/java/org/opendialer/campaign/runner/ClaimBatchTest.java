package org.opendialer.campaign.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.campaign.settings.ResultKind;
import org.opendialer.contacts.consent.ConsentSource;
import org.opendialer.contacts.consent.ContactChannel;
import org.opendialer.contacts.dnc.DncEntries;
import org.opendialer.contacts.dnc.DncLists;
import org.opendialer.contacts.lists.ContactList;

/**
 * A claim judges its whole scan with the attempt history and the consent ledger read once for the batch, not per
 * contact (per contact, a claim of 200 waited on 600 round trips under load: the agentless benchmark's limit), and
 * the verdicts stay those of the one-by-one checks: a disconnected number, the ledger, the per-number limit.
 */
class ClaimBatchTest {

    static final Instant T0 = ComplianceTest.T0;

    final Fixture f = new Fixture();
    final AttemptStore attempts = new AttemptStore(f.ds);
    final ContactClaims claims = new ContactClaims(f.ds);

    /** The attempt store, counting the lookups it is asked one number at a time. */
    final class Counting implements Gate.History {
        final AtomicInteger single = new AtomicInteger();

        @Override
        public int attemptsTo(UUID campaignId, String contactId, String number) {
            single.incrementAndGet();
            return attempts.attemptsTo(campaignId, contactId, number);
        }

        @Override
        public boolean disconnected(String number) {
            single.incrementAndGet();
            return attempts.disconnected(number);
        }

        @Override
        public Gate.History snapshot(UUID campaignId, Collection<String> contactIds, Collection<String> numbers) {
            return attempts.snapshot(campaignId, contactIds, numbers);
        }
    }

    @Test
    void aClaimReadsTheHistoryForItsBatchAtOnceAndJudgesAsOneByOne() {
        String gone = ComplianceTest.rnd();
        String optedOut = ComplianceTest.rnd();
        Campaign earlier = f.campaign(f.list("x," + gone + ",,"), s -> s);
        ContactClaims.Claim sit = claims.claim(earlier, new Gates(f.ds, f.ledger, attempts, java.time.Clock.systemUTC())
                .of(earlier), 1, T0, "n1").getFirst();
        attempts.finish(sit.attemptId(), ComplianceTest.outcome(ResultKind.SIT_DISCONNECTED));
        f.ledger.add(ContactChannel.PHONE, optedOut, ConsentSource.API, "test");

        List<String> rows = new ArrayList<>(List.of("gone," + gone + ",,", "optedOut," + optedOut + ",,"));
        for (int i = 0; i < 30; i++) {
            rows.add("ok" + i + "," + ComplianceTest.rnd() + ",,");
        }
        ContactList list = f.list(rows.toArray(String[]::new));
        Campaign c = f.campaign(list, s -> Fixture.with(s, n -> n.put("maxLines", 100).put("callsPerSecond", 100)));
        Counting history = new Counting();
        Gate gate = new Gate(c.id(), c.settings(), list, null, new DncEntries(f.ds, new DncLists(f.ds), f.ledger),
                f.ledger, history, List.of());

        List<ContactClaims.Claim> got = claims.claim(c, gate, 100, T0, "n1");

        assertThat(got).hasSize(30).allSatisfy(cl -> assertThat(cl.contact().get("id")).startsWith("ok"));
        assertThat(history.single).as("history lookups made one number at a time").hasValue(0);
        Decisions decisions = new Decisions(f.ds);
        assertThat(decisions.page(c.id(), f.idOf(list, "gone"), 10, 1).items()).singleElement()
                .satisfies(d -> assertThat(d.code()).isEqualTo("sitDisconnected"));
        assertThat(decisions.page(c.id(), f.idOf(list, "optedOut"), 10, 1).items()).singleElement()
                .satisfies(d -> assertThat(d.code()).isEqualTo("dnc"));
    }
}
