package org.opendialer.campaign.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.contacts.dnc.DncList;
import org.opendialer.contacts.dnc.external.ExternalDncLists;
import org.opendialer.contacts.dnc.external.SecretSeal;
import org.opendialer.contacts.lists.ContactList;
import org.opendialer.contacts.testing.DncComStandIn;
import org.opendialer.store.testing.ManualClock;

/**
 * A campaign's external DNC list (dncCom) in the gate, against the DNC.com stand-in over HTTP on loopback: one
 * request per claim batch with the list's login id opened from its seal, a do-not-call answer blocks, the scrub runs
 * before the claim's transaction (no lock held, nothing claimed while the provider thinks), a provider that is down
 * dials nobody, is left alone for its back-off and the decision log says so; clear answers are cached.
 */
class ExternalDncGateTest {

    static final String BLOCKED = "5039367188";

    final Fixture f = new Fixture();
    final AttemptStore attempts = new AttemptStore(f.ds);
    final ManualClock clock = new ManualClock(ComplianceTest.T0);
    final ContactClaims claims = new ContactClaims(f.ds);
    final DncComStandIn standIn = new DncComStandIn();
    final byte[] key = new SecureRandom().generateSeed(32);
    final ExternalDncLists external = lists(Duration.ofMillis(800));

    ExternalDncGateTest() {
        standIn.codes.put(BLOCKED, "D");
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    /** The external lists as a node sees them: each node (or restart) has its own, sharing the database and key. */
    ExternalDncLists lists(Duration budget) {
        return new ExternalDncLists(f.ds, new SecretSeal(key), standIn.base(), budget, clock);
    }

    Campaign campaignOn(DncList list, ContactList contacts) {
        return f.campaign(contacts, s -> Fixture.with(s, n -> n.putArray("dncListIds").add(list.id().toString())));
    }

    @Test
    void aDoNotCallAnswerBlocksAClearOneDialsInOneRequestAndTheLoginIdIsStoredSealed() throws Exception {
        DncList list = external.create("dncCom " + UUID.randomUUID(), ExternalDncLists.DNC_COM, "key-123");
        assertThat(list.dncSourceType()).isEqualTo("dncCom");
        assertThat(sealedLoginId(list.id())).isNotBlank().doesNotContain("key-123");
        ContactList contacts = f.list("clean,+15039367190,,", "blocked,+1" + BLOCKED + ",,", "abroad,+442079460958,,");
        Campaign c = campaignOn(list, contacts);
        Gates gates = new Gates(f.ds, f.ledger, attempts, clock, external);

        List<ContactClaims.Claim> got = claims.claim(c, gates.of(c), 10, ComplianceTest.T0, "n1");
        assertThat(got).extracting(cl -> cl.contact().get("id")).containsExactly("clean");
        assertThat(standIn.requests).as("the claim's batch in one request").hasSize(1);
        assertThat(standIn.keys).containsExactly("key-123");
        Decisions log = new Decisions(f.ds);
        assertThat(log.page(c.id(), f.idOf(contacts, "blocked"), 5, 1).items()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("dnc");
            assertThat(d.detail()).contains("external DNC dncCom");
        });
        assertThat(log.page(c.id(), f.idOf(contacts, "abroad"), 5, 1).items()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("externalDnc");
            assertThat(d.detail()).contains("+1 (NANP) numbers only").endsWith("not dialled");
        });

        claims.claim(c, gates.of(c), 10, ComplianceTest.T0, "n1");
        assertThat(standIn.requests).as("clear answers are cached for a day; nothing new to ask").hasSize(1);
    }

    @Test
    void aProviderThatDoesNotAnswerInItsBudgetDialsNobodyAndTheLogSaysSo() {
        DncList list = external.create("dncCom " + UUID.randomUUID(), ExternalDncLists.DNC_COM, "key-456");
        ContactList contacts = f.list("late,+15039367191,,");
        Campaign c = campaignOn(list, contacts);
        standIn.behave(DncComStandIn.Behaviour.HANG);
        List<ContactClaims.Claim> got = claims.claim(c, new Gates(f.ds, f.ledger, attempts, clock, external).of(c), 10,
                ComplianceTest.T0, "n1");
        assertThat(got).isEmpty();
        assertThat(new Decisions(f.ds).page(c.id(), f.idOf(contacts, "late"), 5, 1).items()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("externalDnc");
            assertThat(d.detail()).isEqualTo("external DNC dncCom: provider down (timeout after 800 ms), asked again after "
                    + ComplianceTest.T0.plus(ExternalDncLists.BACK_OFF) + " — not dialled");
        });
        assertThat(claims.pending(c)).as("not retired: asked again on a later tick").isEqualTo(1);
    }

    @Test
    void aDownProviderIsNotAskedEveryTickItsContactsWaitAndAreDialledOnceItAnswersAfterTheBackOff() {
        DncList list = external.create("dncCom " + UUID.randomUUID(), ExternalDncLists.DNC_COM, "key-789");
        ContactList contacts = f.list("waits,+15039367192,,");
        Campaign c = campaignOn(list, contacts);
        Gates gates = new Gates(f.ds, f.ledger, attempts, clock, external);
        standIn.behave(DncComStandIn.Behaviour.FAIL);
        assertThat(claims.claim(c, gates.of(c), 10, clock.instant(), "n1")).isEmpty();
        standIn.behave(DncComStandIn.Behaviour.ANSWER);
        clock.advance(ExternalDncLists.BACK_OFF.minusSeconds(1));
        assertThat(claims.claim(c, gates.of(c), 10, clock.instant(), "n1")).as("backed off: waits").isEmpty();
        assertThat(claims.claim(c, gates.of(c), 10, clock.instant(), "n1")).isEmpty();
        assertThat(standIn.requests).as("one request for three ticks").hasSize(1);
        assertThat(new Decisions(f.ds).page(c.id(), f.idOf(contacts, "waits"), 5, 1).items()).singleElement()
                .satisfies(d -> assertThat(d.detail()).isEqualTo("external DNC dncCom: provider down, asked again after "
                        + ComplianceTest.T0.plus(ExternalDncLists.BACK_OFF) + " — not dialled"));

        clock.advance(Duration.ofSeconds(1));
        assertThat(claims.claim(c, gates.of(c), 10, clock.instant(), "n1")).extracting(cl -> cl.contact().get("id"))
                .containsExactly("waits");
        assertThat(standIn.requests).hasSize(2);
    }

    @Test
    void whileTheProviderThinksNoLockIsHeldNothingIsClaimedAnotherNodeDialsAndTheSlowClaimThenDialsNobodyTwice()
            throws Exception {
        DncList list = external.create("dncCom " + UUID.randomUUID(), ExternalDncLists.DNC_COM, "key-slow");
        ContactList contacts = f.list("one,+15039367193,,");
        Campaign c = campaignOn(list, contacts);
        standIn.behave(DncComStandIn.Behaviour.HANG);
        Gate slowGate = new Gates(f.ds, f.ledger, attempts, clock, lists(Duration.ofMinutes(1))).of(c);
        CompletableFuture<List<ContactClaims.Claim>> slow = CompletableFuture.supplyAsync(
                () -> claims.claim(c, slowGate, 10, ComplianceTest.T0, "slow"));
        assertThat(standIn.asked.tryAcquire(15, TimeUnit.SECONDS)).as("the slow node's scrub reached the provider").isTrue();

        try (Connection x = f.ds.getConnection()) { // what another node's claim takes: none of it is held now
            x.setAutoCommit(false);
            exec(x, "SET LOCAL lock_timeout = '2s'");
            exec(x, "SELECT pg_advisory_xact_lock(hashtext('campaign:" + c.id() + "'))");
            exec(x, "SELECT id FROM contact WHERE list_id = '" + contacts.id() + "' FOR UPDATE NOWAIT");
            x.rollback();
        }
        assertThat(count("SELECT count(*) FROM dial_attempt WHERE campaign_id = '" + c.id() + "'"))
                .as("a kill -9 now loses and dials nothing: nothing is claimed yet").isZero();

        standIn.behave(DncComStandIn.Behaviour.ANSWER); // the held request stays held; a new node's is answered
        List<ContactClaims.Claim> other = claims.claim(c, new Gates(f.ds, f.ledger, attempts, clock, lists(Duration.ofMillis(800)))
                .of(c), 10, ComplianceTest.T0, "other");
        assertThat(other).extracting(cl -> cl.contact().get("id")).containsExactly("one");
        assertThat(slow).isNotDone();

        standIn.release();
        assertThat(slow.get(15, TimeUnit.SECONDS)).as("in flight on the other node: not dialled twice").isEmpty();
        assertThat(count("SELECT count(*) FROM dial_attempt WHERE campaign_id = '" + c.id() + "'")).isEqualTo(1);
    }

    @Test
    void withoutASealKeyNoExternalListIsCreated() {
        ExternalDncLists keyless = new ExternalDncLists(f.ds, null, URI.create("http://127.0.0.1:1"), Duration.ofMillis(800), clock);
        assertThatThrownBy(() -> keyless.create("x " + UUID.randomUUID(), "dncCom", "k"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(SecretSeal.KEY_VARIABLE);
    }

    private static void exec(Connection c, String sql) throws Exception {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.execute();
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = f.ds.getConnection(); PreparedStatement st = c.prepareStatement(sql); ResultSet r = st.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private String sealedLoginId(UUID listId) throws Exception {
        try (Connection c = f.ds.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT login_id_sealed FROM dnc_list WHERE id = ?")) {
            s.setObject(1, listId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }
}
