package org.opendialer.notifications.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendialer.contacts.lists.CsvContactParser;
import org.opendialer.messaging.FakeClock;
import org.opendialer.messaging.email.EmailGateway;
import org.opendialer.messaging.sms.SendPacer;
import org.opendialer.messaging.sms.SmppConfig;
import org.opendialer.messaging.sms.sim.LoopbackSmsc;
import org.opendialer.messaging.sms.smpp.SmppSmsGateway;
import org.opendialer.store.Jdbc;
import org.opendialer.store.testing.Await;
import org.opendialer.store.testing.TestDb;

/**
 * Claims, recovery, graceful stop, two nodes and early receipts over real parts (the in-process SMSC, the embedded
 * PostgreSQL). The process-level proof (kill -9 and SIGTERM of a whole node) is in the api module's
 * CampaignCrashTest.
 */
class CrashSafeSendingTest {

    private final FakeClock clock = new FakeClock(Instant.parse("2026-03-02T15:00:00Z"));
    private final List<AutoCloseable> open = new ArrayList<>();
    private final LoopbackSmsc smsc = LoopbackSmsc.start("crash", "pw");

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        smsc.close();
    }

    private Messaging node() {
        SmppConfig smpp = SmppConfig.of("127.0.0.1", smsc.port(), "crash", "pw", "12345").withWindow(20, 0);
        Messaging m = Messaging.create(new MessagingConfig(smpp, null, "US", null, 0, 0, null, List.of(), 0),
                TestDb.dataSource(), clock, SmppSmsGateway.start(smpp, Clock.systemUTC(), SendPacer.Sleeper.REAL),
                EmailGateway.disabled(), noWebhooks());
        open.add(() -> {
            m.campaigns().list().forEach(c -> m.campaigns().stop(c.id()));
            m.close();
        });
        return m;
    }

    /** A started SMS campaign over {@code n} contacts numbered from {@code first}, at 60,000 per minute. */
    private static UUID campaign(Messaging m, String name, int n, long first) {
        StringBuilder csv = new StringBuilder("name,phone\n");
        for (int i = 0; i < n; i++) {
            csv.append("C").append(i).append(",+1555").append(first + i).append('\n');
        }
        String unique = name + "-" + System.nanoTime();
        var list = m.lists().create(unique, csv.toString(), new CsvContactParser.Spec(List.of("phone"), List.of(), null));
        var c = m.campaigns().create(new MessagingCampaigns.Draft(unique, Channel.SMS, list.id(), "phone", "", null,
                "Hi {{name}}", null, null, 60_000, null, null, "UTC")).campaign();
        m.campaigns().start(c.id());
        return c.id();
    }

    private Map<String, Long> submitsByDestination() {
        return smsc.submitted().stream().collect(Collectors.groupingBy(LoopbackSmsc.Submitted::to, Collectors.counting()));
    }

    private static Map<String, Integer> contactStates(UUID campaign) {
        return new Jdbc(TestDb.dataSource()).with("states", c -> {
            Map<String, Integer> out = new HashMap<>();
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT state, count(*) FROM campaign_contact WHERE campaign_id = ? GROUP BY state")) {
                st.setObject(1, campaign);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getInt(2));
                    }
                }
            }
            return out;
        });
    }

    private void runToCompletion(Messaging m, UUID campaign) {
        for (int i = 0; i < 10_000 && m.campaigns().find(campaign).orElseThrow().status() != MessagingCampaign.Status.COMPLETE; i++) {
            clock.advance(Duration.ofSeconds(1));
            m.runner().tick();
        }
        assertThat(m.campaigns().find(campaign).orElseThrow().status()).isEqualTo(MessagingCampaign.Status.COMPLETE);
    }

    @Test
    void receiptsSentRightAfterSubmitSmRespAreNeverLost() {
        smsc.receiptsAtOnce("DELIVRD");
        Messaging m = node();
        UUID id = campaign(m, "early-receipts", 400, 6_100_000);
        runToCompletion(m, id);
        var agentless = m.sender().send(MessageSender.Outbound.sms("", "+15556109999", "single"));
        // send() answers the row as stored after its outcome: a receipt the SMSC sends at once may already be applied
        assertThat(agentless.message().status()).isIn(MessageStatus.SENT, MessageStatus.DELIVERED);

        Await.until("every message delivered", () -> m.messages().byCampaign(id).stream()
                .allMatch(x -> x.status() == MessageStatus.DELIVERED));
        Await.until("the agentless one delivered",
                () -> m.messages().find(agentless.message().id()).orElseThrow().status() == MessageStatus.DELIVERED);
        assertThat(m.messages().byCampaign(id)).hasSize(400);
        assertThat(m.inbound().unknownReceipts()).isZero();
        System.out.printf("early receipts: %d of 401 arrived before their SMSC id was stored, all matched%n",
                m.inbound().earlyReceipts());
    }

    @Test
    void aReceiptForATrulyUnknownIdWaitsThenIsDroppedAndCounted() {
        Messaging m = node();
        Await.until("bound", () -> m.sms().isBound());
        String id = "no-such-id-" + System.nanoTime();
        String waiting = "SELECT count(*) FROM pending_receipt WHERE smsc_message_id = '" + id + "'";
        smsc.deliverReceipt(id, "+15556200001", "12345", "DELIVRD", "000");
        Await.until("kept waiting", () -> count(waiting) == 1);
        assertThat(m.waitingReceipts()).isPositive();
        clock.advance(Duration.ofMinutes(59));
        m.housekeeping();
        assertThat(count(waiting)).as("kept for receiptWaitMinutes (60)").isEqualTo(1);
        assertThat(m.inbound().unknownReceipts()).isZero();
        clock.advance(Duration.ofMinutes(2));
        m.housekeeping();
        assertThat(count(waiting)).isZero();
        assertThat(m.inbound().unknownReceipts()).isPositive();
    }

    @Test
    void recoveryEndsTheClaimsOfDeadNodesOnlyAndNothingIsResent() throws Exception {
        Messaging m = node();
        UUID id = campaign(m, "recover", 3, 6_300_000);
        var pending = new CampaignStore(TestDb.dataSource()).pending(id, 10);
        int dead = 77_000_001; // nobody holds it
        try (NodeLease alive = NodeLease.acquire(TestDb.dataSource())) {
            UUID deadClaim = UUID.randomUUID();
            UUID liveClaim = UUID.randomUUID();
            new Jdbc(TestDb.dataSource()).tx("claims", c -> {
                ClaimStore.claimNew(c, List.of(claim(deadClaim, id, pending.get(0).contactId(), "+15556300000")), dead, clock.instant());
                ClaimStore.claimNew(c, List.of(claim(liveClaim, id, pending.get(1).contactId(), "+15556300001")), alive.node(),
                        clock.instant());
                return null;
            });
            m.housekeeping(); // another node looks

            assertThat(m.messages().find(deadClaim).orElseThrow().status()).isEqualTo(MessageStatus.UNKNOWN);
            assertThat(m.messages().find(deadClaim).orElseThrow().statusDetail()).isEqualTo(NodeLease.IN_DOUBT);
            assertThat(m.messages().find(liveClaim).orElseThrow().status()).as("a live node's claim is left alone")
                    .isEqualTo(MessageStatus.SUBMITTING);
            assertThat(contactStates(id)).containsEntry("UNKNOWN", 1).containsEntry("SUBMITTING", 1).containsEntry("PENDING", 1);
            assertThat(m.campaigns().attempts(id)).extracting(CampaignStore.Attempt::outcome).containsExactly("UNKNOWN");
            var progress = m.campaigns().progress(m.campaigns().find(id).orElseThrow());
            assertThat(progress.unknown()).isEqualTo(1);
            assertThat(progress.sent()).isZero();
        }
        // the live node is gone now: its claim is in doubt too; the third contact, never claimed, is sent
        clock.advance(Duration.ofSeconds(31));
        m.housekeeping();
        runToCompletion(m, id);
        assertThat(contactStates(id)).containsEntry("UNKNOWN", 2).containsEntry("SENT", 1).hasSize(2);
        assertThat(submitsByDestination()).containsOnlyKeys("+15556300002");
    }

    @Test
    void aCampaignIsNotCompleteWhileAnotherNodeStillSubmitsOneOfItsContacts() throws Exception {
        Messaging m = node();
        UUID id = campaign(m, "in-flight", 1, 6_500_000);
        var pending = new CampaignStore(TestDb.dataSource()).pending(id, 10);
        try (NodeLease other = NodeLease.acquire(TestDb.dataSource())) {
            new Jdbc(TestDb.dataSource()).tx("claim", c -> {
                ClaimStore.claimNew(c, List.of(claim(UUID.randomUUID(), id, pending.get(0).contactId(), "+15556500000")),
                        other.node(), clock.instant());
                return null;
            });
            for (int i = 0; i < 5; i++) {
                clock.advance(Duration.ofSeconds(1));
                m.runner().tick();
            }
            // the other node's answer may still give the contact back (a retryable refusal): complete now would strand it
            assertThat(m.campaigns().find(id).orElseThrow().status()).as("nothing pending, one contact in flight elsewhere")
                    .isEqualTo(MessagingCampaign.Status.ON);
        }
        clock.advance(Duration.ofSeconds(31));
        m.housekeeping(); // the other node is gone: its claim is in doubt
        runToCompletion(m, id);
        assertThat(contactStates(id)).containsExactly(Map.entry("UNKNOWN", 1));
        assertThat(submitsByDestination()).isEmpty();
    }

    private ClaimStore.NewClaim claim(UUID message, UUID campaign, String contact, String to) {
        return new ClaimStore.NewClaim(message, new MessageStore.NewMessage(true, Channel.SMS, "12345", to, null, "Hi", null,
                MessageStatus.QUEUED, null, campaign, contact, null, null, null, null, null));
    }

    @Test
    void twoNodesOnOneDatabaseSendEachContactOnce() throws Exception {
        Messaging a = node();
        Messaging b = node();
        UUID id = campaign(a, "two-nodes", 600, 6_400_000);
        Function<Messaging, Integer> run = m -> {
            int sent = 0;
            for (int i = 0; i < 2_000 && m.campaigns().find(id).orElseThrow().status() != MessagingCampaign.Status.COMPLETE; i++) {
                clock.advance(Duration.ofMillis(20)); // ~20 messages a round each: both nodes keep taking small batches
                sent += m.runner().tick();
            }
            return sent;
        };
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Integer> fa = ex.submit(() -> run.apply(a));
            Future<Integer> fb = ex.submit(() -> run.apply(b));
            int sentA = fa.get();
            int sentB = fb.get();
            System.out.printf("two nodes: node A sent to %d contacts, node B to %d%n", sentA, sentB);
            assertThat(sentA + sentB).isEqualTo(600);
        }
        assertThat(submitsByDestination()).hasSize(600).allSatisfy((to, n) -> assertThat(n).as(to).isEqualTo(1L));
        assertThat(contactStates(id)).containsExactly(Map.entry("SENT", 600));
    }

    @Test
    void aStopMidCampaignFinishesTheSubmitsUnderWayAndLeavesNothingInDoubt() throws Exception {
        smsc.policy(s -> {
            try {
                Thread.sleep(2); // a slow SMSC: the stop comes while submits are on the wire
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return LoopbackSmsc.Answer.ACCEPT;
        });
        Messaging first = node();
        UUID id = campaign(first, "graceful", 1_500, 6_500_000);
        assertThat(first.runner().tick()).isEqualTo(1); // the first token
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            ex.submit(() -> {
                clock.advance(Duration.ofSeconds(5));
                first.runner().tick(); // 5 s of budget at 1,000/s: the other 1,499 in one batch
            });
            Await.until("sending", () -> smsc.acceptedCount() >= 200);
            first.close();
        }
        long atStop = smsc.acceptedCount();
        Map<String, Integer> states = contactStates(id);
        System.out.printf("stopped mid-campaign: %d submitted, contacts %s%n", atStop, states);
        assertThat(states).doesNotContainKeys("SUBMITTING", "UNKNOWN");
        assertThat(states.get("SENT")).isEqualTo((int) atStop);
        assertThat(states.get("PENDING")).isEqualTo(1_500 - (int) atStop).isPositive();
        assertThat(count("SELECT count(*) FROM message WHERE campaign_id = '" + id + "' AND status IN ('QUEUED', 'SUBMITTING')")).isZero();

        smsc.policy(s -> LoopbackSmsc.Answer.ACCEPT);
        Messaging second = node();
        second.campaigns().start(id);
        runToCompletion(second, id);
        assertThat(submitsByDestination()).hasSize(1_500).allSatisfy((to, n) -> assertThat(n).as(to).isEqualTo(1L));
        assertThat(contactStates(id)).containsExactly(Map.entry("SENT", 1_500));
    }

    @Test
    void aRefusalBeforeTheClaimWroteNothingAndIsJournalledLikeAnyOther() {
        Messaging m = Messaging.create(MessagingConfig.disabled(), TestDb.dataSource(), clock,
                org.opendialer.messaging.sms.SmsGateway.disabled(), EmailGateway.disabled(), noWebhooks());
        open.add(m);
        UUID id = campaign(m, "sms-off", 3, 6_600_000);
        runToCompletion(m, id);
        assertThat(contactStates(id)).containsExactly(Map.entry("FAILED", 3));
        assertThat(m.campaigns().attempts(id)).extracting(CampaignStore.Attempt::outcome).containsOnly("REJECTED").hasSize(3);
        var single = m.sender().send(MessageSender.Outbound.sms("", "+15556609999", "hi"));
        assertThat(single.message().status()).isEqualTo(MessageStatus.REJECTED);
        assertThat(single.message().statusDetail()).contains("not configured");
        assertThat(count("SELECT count(*) FROM message WHERE campaign_id = '" + id + "' AND status <> 'REJECTED'")).isZero();
    }

    private static int count(String sql) {
        return new Jdbc(TestDb.dataSource()).with("count", (Connection c) -> {
            try (PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /** These sends name no webhook; the outbox is there because every node has one. */
    private org.opendialer.webhooks.WebhookOutbox noWebhooks() {
        return new org.opendialer.webhooks.WebhookOutbox(org.opendialer.webhooks.WebhooksConfig.defaults(),
                TestDb.dataSource(), clock, () -> { });
    }
}
