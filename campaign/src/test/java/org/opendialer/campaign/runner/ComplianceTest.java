package org.opendialer.campaign.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.campaign.settings.ResultKind;
import org.opendialer.contacts.consent.ConsentSource;
import org.opendialer.contacts.consent.ContactChannel;
import org.opendialer.contacts.dnc.DncEntries;
import org.opendialer.contacts.dnc.DncLists;
import org.opendialer.contacts.lists.ContactList;
import org.opendialer.store.testing.ManualClock;

/**
 * The gate and the claim, on a real PostgreSQL with a manual clock: what is never dialled (DNC, outside hours in
 * the contact's zone, a disconnected number, over the limits, inside the retry delay), what the decision log says,
 * and two runners claiming one campaign at once.
 */
class ComplianceTest {

    // Wednesday 15:00 UTC: 07:00 in Los Angeles, 16:00 in Paris
    static final Instant T0 = Instant.parse("2026-12-02T15:00:00Z");

    final Fixture f = new Fixture();
    final ManualClock clock = new ManualClock(T0);
    final AttemptStore attempts = new AttemptStore(f.ds);
    final ContactClaims claims = new ContactClaims(f.ds);
    final Gates gates = new Gates(f.ds, f.ledger, attempts, clock);

    @Test
    void dncNumbersAreNeverClaimedAndTheNextPhoneColumnIsUsed() {
        String n1 = rnd(), n2 = rnd(), n3 = rnd();
        DncLists lists = new DncLists(f.ds);
        UUID dnc = lists.create("dnc-" + UUID.randomUUID()).id();
        new DncEntries(f.ds, lists, f.ledger).add(dnc, ContactChannel.PHONE, List.of(n1), null);
        f.ledger.add(ContactChannel.PHONE, n3, ConsentSource.API, "test");
        ContactList list = f.list("a," + n1 + "," + n2 + ",", "b," + n3 + ",,");
        Campaign c = f.campaign(list, s -> Fixture.with(s, n -> n.putArray("dncListIds").add(dnc.toString())));

        List<ContactClaims.Claim> got = claims.claim(c, gates.of(c), 10, T0, "n1");

        assertThat(got).singleElement().satisfies(cl -> {
            assertThat(cl.contact().get("id")).isEqualTo("a");
            assertThat(cl.verdict().number()).isEqualTo(n2);
            assertThat(cl.verdict().column()).isEqualTo("phone2");
        });
        assertThat(new Decisions(f.ds).page(c.id(), f.idOf(list, "b"), 10, 1).items()).singleElement().satisfies(d -> {
            assertThat(d.dialed()).isFalse();
            assertThat(d.code()).isEqualTo("dnc");
            assertThat(d.detail()).contains("internal DNC list");
        });
        assertThat(new Decisions(f.ds).page(c.id(), f.idOf(list, "a"), 10, 1).items()).singleElement().satisfies(d -> {
            assertThat(d.dialed()).isTrue();
            assertThat(d.number()).isEqualTo(n2);
        });
    }

    @Test
    void nobodyIsClaimedOutsideTheCallableHoursOfTheirOwnZone() {
        ContactList list = f.list("la," + rnd() + ",,America/Los_Angeles", "paris," + rnd() + ",,Europe/Paris");
        UUID set = f.daytime().id();
        Campaign c = f.campaign(list, s -> Fixture.with(s, n -> n.put("callableTimeSetId", set.toString())));

        assertThat(claims.claim(c, gates.of(c), 10, T0, "n1")).extracting(cl -> cl.contact().get("id")).containsExactly("paris");
        assertThat(new Decisions(f.ds).page(c.id(), f.idOf(list, "la"), 10, 1).items()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("outsideHours");
            assertThat(d.detail()).contains("America/Los_Angeles").contains("07:00");
        });
        // two hours later it is 09:00 in Los Angeles
        clock.advance(Duration.ofHours(2));
        assertThat(claims.claim(c, gates.of(c), 10, clock.instant(), "n1")).extracting(cl -> cl.contact().get("id"))
                .containsExactly("la");
    }

    @Test
    void aDueCallbackToAnotherNumberWaitsForTheHoursOfThatNumbersZoneTooAndThenDialsOnlyIt() throws Exception {
        ContactList list = f.list("cb," + rnd() + ",,Europe/Paris"); // 16:00 in Paris: the contact's own zone allows
        String la = "+1310" + rnd().substring(5); // 07:00 in Los Angeles
        try (java.sql.Connection conn = f.ds.getConnection(); java.sql.PreparedStatement st = conn.prepareStatement(
                "UPDATE contact SET callback_at = ?, callback_number = ? WHERE list_id = ?")) { // as PreviewDesk leaves it
            st.setTimestamp(1, java.sql.Timestamp.from(T0.minusSeconds(60)));
            st.setString(2, la);
            st.setObject(3, list.id());
            st.executeUpdate();
        }
        UUID set = f.daytime().id();
        Campaign c = f.campaign(list, s -> Fixture.with(s, n -> n.put("callableTimeSetId", set.toString())));

        assertThat(claims.claim(c, gates.of(c), 10, T0, "n1")).isEmpty();
        assertThat(new Decisions(f.ds).page(c.id(), f.idOf(list, "cb"), 10, 1).items()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("outsideHours");
            assertThat(d.detail()).startsWith("callback to " + la + ": outside callable hours in America/Los_Angeles");
        });
        clock.advance(Duration.ofHours(2)); // 09:00 in Los Angeles, 18:00 in Paris
        assertThat(claims.claim(c, gates.of(c), 10, clock.instant(), "n1")).singleElement().satisfies(cl -> {
            assertThat(cl.verdict().number()).isEqualTo(la);
            assertThat(cl.verdict().column()).isEqualTo("callback");
        });
    }

    @Test
    void withoutAZoneColumnThePostalCodeDecidesTheZoneBeforeThePhoneNumber() {
        // 07:00 in Los Angeles, 10:00 in New York: each contact's ZIP and area code point to opposite coasts
        String nyNumber = "+1212" + rnd().substring(5);
        ContactList list = f.listWithPostalCodes("laZip," + nyNumber + ",90210", "nyZip," + rnd() + ",10001");
        UUID set = f.daytime().id();
        Campaign c = f.campaign(list, s -> Fixture.with(s, n -> n.put("callableTimeSetId", set.toString())));

        assertThat(claims.claim(c, gates.of(c), 10, T0, "n1")).extracting(cl -> cl.contact().get("id"))
                .containsExactly("nyZip");
        assertThat(new Decisions(f.ds).page(c.id(), f.idOf(list, "laZip"), 10, 1).items()).singleElement()
                .satisfies(d -> assertThat(d.detail()).contains("America/Los_Angeles"));
    }

    @Test
    void aNumberThatAnsweredWithASitForADisconnectedNumberIsNeverDialledAgainByAnyCampaign() {
        String gone = rnd();
        ContactList first = f.list("x," + gone + ",,");
        Campaign c1 = f.campaign(first, s -> s);
        ContactClaims.Claim cl = claims.claim(c1, gates.of(c1), 1, T0, "n1").getFirst();
        attempts.finish(cl.attemptId(), outcome(ResultKind.SIT_DISCONNECTED));

        ContactList second = f.list("y," + gone + ",,");
        Campaign c2 = f.campaign(second, s -> s);
        clock.advance(Duration.ofDays(30));
        assertThat(claims.claim(c1, gates.of(c1), 10, clock.instant(), "n1")).isEmpty();
        assertThat(claims.claim(c2, gates.of(c2), 10, clock.instant(), "n1")).isEmpty();
        assertThat(new Decisions(f.ds).page(c2.id(), f.idOf(second, "y"), 10, 1).items()).singleElement()
                .satisfies(d -> assertThat(d.code()).isEqualTo("sitDisconnected"));
        assertThat(claims.pending(c2)).as("the contact is uncallable now").isZero();
    }

    @Test
    void theRetryDelayPerResultAndTheAttemptLimitHold() {
        ContactList list = f.list("r," + rnd() + ",,");
        Campaign c = f.campaign(list, s -> Fixture.with(s, n -> {
            n.put("maxAttemptsPerContact", 2);
            n.putObject("retryDelays").put("busy", 600);
            return n;
        }));
        ContactClaims.Claim first = claims.claim(c, gates.of(c), 5, T0, "n1").getFirst();
        assertThat(claims.claim(c, gates.of(c), 5, T0, "n1")).as("in flight").isEmpty();
        attempts.finish(first.attemptId(), outcome(ResultKind.BUSY));

        clock.advance(Duration.ofSeconds(599));
        assertThat(claims.claim(c, gates.of(c), 5, clock.instant(), "n1")).as("inside the busy delay").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        ContactClaims.Claim second = claims.claim(c, gates.of(c), 5, clock.instant(), "n1").getFirst();
        attempts.finish(second.attemptId(), outcome(ResultKind.BUSY));

        clock.advance(Duration.ofDays(1));
        assertThat(claims.claim(c, gates.of(c), 5, clock.instant(), "n1")).as("two attempts made").isEmpty();
        assertThat(claims.pending(c)).isZero();
    }

    @Test
    void maxLinesBoundTheCallsInFlightOverEveryNode() {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add("m" + i + "," + rnd() + ",,");
        }
        Campaign c = f.campaign(f.list(rows.toArray(String[]::new)), s -> Fixture.with(s, n -> n.put("maxLines", 3)));
        assertThat(claims.claim(c, gates.of(c), 10, T0, "n1")).hasSize(3);
        assertThat(claims.claim(c, gates.of(c), 10, T0, "n2")).isEmpty();
    }

    @Test
    void twoRunnersClaimingOneCampaignAtOnceNeverTakeOneContactTwice() throws Exception {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            rows.add("t" + i + ",+1" + (3125550000L + i) + ",,");
        }
        Campaign c = f.campaign(f.list(rows.toArray(String[]::new)), s -> Fixture.with(s, n -> n.put("maxLines", 1000)));
        ConcurrentLinkedQueue<String> taken = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> nodes = new ArrayList<>();
        for (String node : List.of("node-a", "node-b")) {
            ContactClaims mine = new ContactClaims(f.ds); // each node its own stores, one database
            Gates gate = new Gates(f.ds, f.ledger, new AttemptStore(f.ds), clock);
            nodes.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                while (true) {
                    List<ContactClaims.Claim> got = mine.claim(c, gate.of(c), 7, T0, node);
                    // an empty claim may only mean the other node holds the rest locked for a moment
                    if (got.isEmpty() && unclaimed(c) == 0) {
                        return;
                    }
                    got.forEach(cl -> taken.add(cl.contact().contactId()));
                }
            }));
        }
        go.countDown();
        for (Thread t : nodes) {
            t.join(60_000);
        }
        Set<String> distinct = new HashSet<>(taken);
        assertThat(taken).hasSize(300);
        assertThat(distinct).hasSize(300);
        assertThat(attempts.page(c.id(), 1, 1).total()).isEqualTo(300);
        try (var con = f.ds.getConnection(); PreparedStatement st = con.prepareStatement(
                "SELECT count(DISTINCT node) FROM dial_attempt WHERE campaign_id = ?")) {
            st.setObject(1, c.id());
            var rs = st.executeQuery();
            rs.next();
            assertThat(rs.getInt(1)).as("both nodes dialled").isEqualTo(2);
        }
    }

    long unclaimed(Campaign c) {
        return new org.opendialer.store.Jdbc(f.ds).count("unclaimed", "SELECT count(*) FROM contact WHERE list_id = ? AND last_result IS NULL",
                c.settings().contactListId());
    }

    static Outcome outcome(ResultKind r) {
        return new Outcome(r, 486, 17, "BUSY", null, null, null, false, null, T0, null, 0L, 0L, Outcome.AgentPart.NONE);
    }

    /**
     * A random number in 415 with a random exchange: tests share one database, and a number one test puts on a DNC
     * list or marks disconnected must not be another test's fixed number (those are in 201 and 312).
     */
    static String rnd() {
        return "+1415" + (2_000_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(8_000_000));
    }
}
