package org.opendialer.campaign.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.campaign.settings.ResultKind;
import org.opendialer.contacts.consent.ConsentSource;
import org.opendialer.contacts.consent.ContactChannel;
import org.opendialer.contacts.dnc.DncEntries;
import org.opendialer.contacts.dnc.DncLists;
import org.opendialer.contacts.lists.ContactList;

/**
 * A claim judges its whole scan with the attempt history, the consent ledger and the campaign's DNC lists read once
 * for the batch, not per contact (per contact, a claim of 200 waited on 600 round trips under load: the agentless
 * benchmark's limit; a DNC list check was one more round trip per number), and the verdicts stay those of the
 * one-by-one checks: a disconnected number, the ledger, a DNC list, the per-number limit.
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

    /** The pool under test, counting the DNC list lookups (statements on {@code dnc_entry}) it is asked to prepare. */
    static DataSource countingDncLookups(DataSource real, AtomicInteger count) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (ds, m, args) -> {
            Object out = invoke(m, real, args);
            if (!(out instanceof Connection c)) {
                return out;
            }
            return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (p, cm, cargs) -> {
                if (cm.getName().equals("prepareStatement") && cargs[0] instanceof String sql && sql.contains("FROM dnc_entry")) {
                    count.incrementAndGet();
                }
                return invoke(cm, c, cargs);
            });
        });
    }

    private static Object invoke(Method m, Object target, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void aClaimReadsTheHistoryForItsBatchAtOnceAndJudgesAsOneByOne() {
        String gone = ComplianceTest.rnd();
        String optedOut = ComplianceTest.rnd();
        String listed = ComplianceTest.rnd();
        DncLists dncLists = new DncLists(f.ds);
        UUID dncList = dncLists.create("dnc-" + UUID.randomUUID()).id();
        UUID otherList = dncLists.create("dnc-" + UUID.randomUUID()).id();
        new DncEntries(f.ds, dncLists, f.ledger).add(dncList, ContactChannel.PHONE, List.of(listed), null);
        Campaign earlier = f.campaign(f.list("x," + gone + ",,"), s -> s);
        ContactClaims.Claim sit = claims.claim(earlier, new Gates(f.ds, f.ledger, attempts, java.time.Clock.systemUTC())
                .of(earlier), 1, T0, "n1").getFirst();
        attempts.finish(sit.attemptId(), ComplianceTest.outcome(ResultKind.SIT_DISCONNECTED));
        f.ledger.add(ContactChannel.PHONE, optedOut, ConsentSource.API, "test");

        List<String> rows = new ArrayList<>(List.of("gone," + gone + ",,", "optedOut," + optedOut + ",,", "listed," + listed + ",,"));
        for (int i = 0; i < 30; i++) {
            rows.add("ok" + i + "," + ComplianceTest.rnd() + ",,");
        }
        ContactList list = f.list(rows.toArray(String[]::new));
        Campaign c = f.campaign(list, s -> Fixture.with(s, n -> {
            n.put("maxLines", 100).put("callsPerSecond", 100);
            n.putArray("dncListIds").add(otherList.toString()).add(dncList.toString());
            return n;
        }));
        Counting history = new Counting();
        AtomicInteger dncLookups = new AtomicInteger();
        Gate gate = new Gate(c.id(), c.settings(), list, null, new DncEntries(countingDncLookups(f.ds, dncLookups), dncLists,
                f.ledger), f.ledger, history, List.of());

        List<ContactClaims.Claim> got = claims.claim(c, gate, 100, T0, "n1");

        assertThat(got).hasSize(30).allSatisfy(cl -> assertThat(cl.contact().get("id")).startsWith("ok"));
        assertThat(history.single).as("history lookups made one number at a time").hasValue(0);
        assertThat(dncLookups).as("DNC list lookups for a batch of 33 contacts").hasValue(1);
        Decisions decisions = new Decisions(f.ds);
        assertThat(decisions.page(c.id(), f.idOf(list, "gone"), 10, 1).items()).singleElement()
                .satisfies(d -> assertThat(d.code()).isEqualTo("sitDisconnected"));
        assertThat(decisions.page(c.id(), f.idOf(list, "optedOut"), 10, 1).items()).singleElement()
                .satisfies(d -> assertThat(d.code()).isEqualTo("dnc"));
        assertThat(decisions.page(c.id(), f.idOf(list, "listed"), 10, 1).items()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("dnc");
            assertThat(d.detail()).isEqualTo(listed + " is on DNC list " + dncList);
        });
    }

    @Test
    void aNumberTheBatchDidNotReadIsStillCheckedAlone() {
        String listed = ComplianceTest.rnd();
        DncLists dncLists = new DncLists(f.ds);
        UUID dncList = dncLists.create("dnc-" + UUID.randomUUID()).id();
        DncEntries entries = new DncEntries(f.ds, dncLists, f.ledger);
        entries.add(dncList, ContactChannel.PHONE, List.of(listed), T0.plusSeconds(60));
        ContactList list = f.list("listed," + listed + ",,");
        Campaign c = f.campaign(list, s -> Fixture.with(s, n -> n.putArray("dncListIds").add(dncList.toString())));
        Gate gate = new Gate(c.id(), c.settings(), list, null, entries, f.ledger, attempts, List.of());
        Candidate cand = new Candidate("x", java.util.Map.of("id", "listed", "phone", listed), true, 0, null, null, null, null, null);
        Candidate elsewhere = new Candidate("y", java.util.Map.of("id", "other", "phone", ComplianceTest.rnd()), true, 0, null, null, null, null, null);

        // read for the batch at T0; judged at T0, later (the entry expired: read again, not the batch's answer) and
        // by a gate whose batch did not hold the number
        assertThat(gate.forBatch(List.of(cand), T0).judge(cand, T0).code()).isEqualTo("dnc");
        assertThat(gate.forBatch(List.of(cand), T0).judge(cand, T0.plusSeconds(60)).dial()).isTrue();
        assertThat(gate.forBatch(List.of(elsewhere), T0).judge(cand, T0).code()).isEqualTo("dnc");
    }
}
