package org.opendialer.campaign.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opendialer.acd.routing.Queue;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.campaign.settings.CampaignStatus;
import org.opendialer.contacts.dnc.DncList;
import org.opendialer.contacts.dnc.external.ExternalDncLists;
import org.opendialer.contacts.dnc.external.SecretSeal;
import org.opendialer.contacts.lists.ContactList;
import org.opendialer.contacts.testing.DncComStandIn;

/**
 * A preview campaign's external DNC list (the DNC.com stand-in over HTTP on loopback): reserving a record for an
 * agent and the agent's call each scrub the number <em>before</em> their transaction, so while the provider thinks
 * no lock is held (campaign, contact, agent, card) and nothing is reserved or committed: a kill -9 then loses nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PreviewExternalDncTest {

    final Fixture f = new Fixture();
    final AttemptStore attempts = new AttemptStore(f.ds);
    final AgentRig rig = new AgentRig();
    final byte[] key = new SecureRandom().generateSeed(32);

    @AfterAll
    void close() {
        rig.close();
    }

    @Test
    void theReservationAndTheCallAskTheProviderWithNoLockHeldAndADoNotCallAnswerDialsNothing() throws Exception {
        Queue q = rig.acd.queues().create(Queue.Settings.named("xdnc" + UUID.randomUUID()).withTimers(0, 10, 1));
        try (DncComStandIn reserving = new DncComStandIn(); DncComStandIn calling = new DncComStandIn();
             AgentRig.Staffed ana = rig.agent(q, "ana")) {
            DncList list = lists(reserving).create("dncCom " + UUID.randomUUID(), ExternalDncLists.DNC_COM, "key-preview");
            ContactList contacts = f.list("one,+15039367193,,");
            Campaign c = f.campaign(contacts, s -> Fixture.with(s, n -> {
                n.put("dialingMode", "preview").put("queueId", q.id().toString()).remove("message");
                n.putArray("dncListIds").add(list.id().toString());
                return n;
            }));
            f.campaigns.moveTo(c.id(), CampaignStatus.ON);
            c = f.campaigns.require(c.id());
            String contact = f.idOf(contacts, "one");
            try {
                // the reservation: the provider hangs; campaign, contact and agent are free meanwhile
                reserving.behave(DncComStandIn.Behaviour.HANG);
                Gate gate = gates(reserving).of(c);
                PreviewReservations reservations = new PreviewReservations(f.ds);
                PreviewReservations.Free free = new PreviewReservations.Free(ana.agent().id(), ana.agent().sipUser());
                Campaign on = c;
                CompletableFuture<Optional<UUID>> reserve = CompletableFuture.supplyAsync(
                        () -> reservations.reserve(on, gate, free, Instant.now()));
                assertThat(reserving.asked.tryAcquire(15, TimeUnit.SECONDS)).as("the scrub reached the provider").isTrue();
                assertNothingHeld(c, contacts, contact, ana.agent().id(), null);
                assertThat(count("SELECT count(*) FROM campaign_preview WHERE campaign_id = ?", c.id()))
                        .as("a kill -9 now leaves nothing reserved").isZero();
                reserving.release();
                UUID preview = reserve.get(15, TimeUnit.SECONDS).orElseThrow();

                // the agent's call: asked again (another node, its own cache); the number is do-not-call by now
                calling.behave(DncComStandIn.Behaviour.HANG);
                calling.codes.put("5039367193", "D");
                PreviewDialing dialing = new PreviewDialing(f.ds, f.campaigns, gates(calling), null, Clock.systemUTC());
                CompletableFuture<Void> call = CompletableFuture.runAsync(() -> dialing.decide(ana.agent().id(), preview, true));
                assertThat(calling.asked.tryAcquire(15, TimeUnit.SECONDS)).as("the call's scrub reached the provider").isTrue();
                assertNothingHeld(c, contacts, contact, ana.agent().id(), preview);
                assertThat(count("SELECT count(*) FROM dial_attempt WHERE campaign_id = ?", c.id()))
                        .as("a kill -9 now has committed no attempt").isZero();
                calling.release();
                assertThatThrownBy(() -> call.get(15, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(IllegalStateException.class);
                assertThat(new Decisions(f.ds).page(c.id(), contact, 100, 1).items()).extracting(Decisions.Decision::code)
                        .contains("previewed", "dnc");
                assertThat(attempts.page(c.id(), 10, 1).total()).as("nothing dialled").isZero();
                assertThat(count("SELECT count(*) FROM campaign_preview WHERE id = ? AND state = 'released'", preview))
                        .as("the card given back").isEqualTo(1);
            } finally {
                f.campaigns.moveTo(c.id(), CampaignStatus.STOPPING);
            }
        }
    }

    /** What another node's claim, reservation or decision would lock: none of it is held now. */
    private void assertNothingHeld(Campaign c, ContactList contacts, String contact, UUID agent, UUID preview)
            throws Exception {
        try (Connection x = f.ds.getConnection()) {
            x.setAutoCommit(false);
            exec(x, "SET LOCAL lock_timeout = '2s'");
            exec(x, "SELECT pg_advisory_xact_lock(hashtext('campaign:" + c.id() + "'))");
            exec(x, "SELECT id FROM contact WHERE list_id = '" + contacts.id() + "' AND id = '" + contact + "' FOR UPDATE NOWAIT");
            exec(x, "SELECT id FROM routing_user WHERE id = '" + agent + "' FOR UPDATE NOWAIT");
            if (preview != null) {
                exec(x, "SELECT id FROM campaign_preview WHERE id = '" + preview + "' FOR UPDATE NOWAIT");
            }
            x.rollback();
        }
    }

    private ExternalDncLists lists(DncComStandIn standIn) {
        return new ExternalDncLists(f.ds, new SecretSeal(key), standIn.base(), Duration.ofMinutes(1), Clock.systemUTC());
    }

    private Gates gates(DncComStandIn standIn) {
        return new Gates(f.ds, f.ledger, attempts, Clock.systemUTC(), lists(standIn));
    }

    private static void exec(Connection c, String sql) throws Exception {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.execute();
        }
    }

    private long count(String sql, Object arg) throws Exception {
        try (Connection c = f.ds.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setObject(1, arg);
            try (ResultSet r = st.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
