package org.opendialer.notifications.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.junit.jupiter.api.Test;
import org.opendialer.messaging.email.EmailGateway;
import org.opendialer.messaging.sms.SendPacer;
import org.opendialer.messaging.sms.SmppConfig;
import org.opendialer.messaging.sms.sim.LoopbackSmsc;
import org.opendialer.messaging.sms.smpp.SmppSmsGateway;
import org.opendialer.store.testing.TestDb;
import org.opendialer.webhooks.WebhookOutbox;
import org.opendialer.webhooks.WebhooksConfig;

/**
 * Our SMS paths against the bare jSMPP client at the same window, in the same run, to the loopback SMSC and the
 * embedded PostgreSQL: a campaign (template per contact, batch consent check, conversations, message rows and
 * history, submit, part ids, contact states and attempt history) and single agentless-style sends (one message
 * per call, four transactions each). Pacing runs on a fake clock so that only the work is timed. Prints the
 * figures; asserts only that every message was accepted. {@code -Dbench.pipeline=N} (default 600).
 */
class SmsPipelineBenchmarkTest {

    static final int WINDOW = 50;
    static final int N = Integer.getInteger("bench.pipeline", 600);

    @Test
    void persistedSendsAgainstBareJsmpp() throws Exception {
        try (LoopbackSmsc smsc = LoopbackSmsc.start("bench", "pw")) {
            smsc.recordSubmits(false);
            SmppConfig c = SmppConfig.of("127.0.0.1", smsc.port(), "bench", "pw", "12345").withWindow(WINDOW, 0);
            MessagingConfig config = new MessagingConfig(c, null, "US", null, 0, 0, null, List.of(), 0);
            try (Messaging m = Messaging.create(config, TestDb.dataSource(), Clock.systemUTC(),
                    SmppSmsGateway.start(c, Clock.systemUTC(), SendPacer.Sleeper.REAL), EmailGateway.disabled(),
                    new WebhookOutbox(WebhooksConfig.defaults(), TestDb.dataSource(), Clock.systemUTC(), () -> { }))) {
                ours(m, N / 4, 0);
                bare(smsc, N / 4);
                campaign(m, N / 4, "warm");
                double single = ours(m, N, 1_000_000);
                double campaign = campaign(m, N, "bench");
                double bare = bare(smsc, N);
                System.out.printf("SMS benchmark (persisted), window %d, %d messages: bare jSMPP %.0f msg/s; campaign %.0f msg/s"
                        + " (ratio %.2f); single sends %.0f msg/s (ratio %.2f)%n", WINDOW, N, bare, campaign, campaign / bare,
                        single, single / bare);
            }
        }
    }

    private double campaign(Messaging unused, int n, String name) throws Exception {
        StringBuilder csv = new StringBuilder("name,phone\n");
        for (int i = 0; i < n; i++) {
            csv.append("Contact ").append(i).append(",+1555").append(4_000_000 + i + (name.equals("warm") ? 500_000 : 0)).append('\n');
        }
        try (LoopbackSmsc smsc = LoopbackSmsc.start("camp", "pw")) {
            smsc.recordSubmits(false);
            SmppConfig c = SmppConfig.of("127.0.0.1", smsc.port(), "camp", "pw", "12345").withWindow(WINDOW, 0);
            org.opendialer.messaging.FakeClock clock = new org.opendialer.messaging.FakeClock(java.time.Instant.parse("2026-03-02T15:00:00Z"));
            MessagingConfig config = new MessagingConfig(c, null, "US", null, 0, 0, null, List.of(), 0);
            try (Messaging m = Messaging.create(config, TestDb.dataSource(), clock,
                    SmppSmsGateway.start(c, Clock.systemUTC(), SendPacer.Sleeper.REAL), EmailGateway.disabled(),
                    new WebhookOutbox(WebhooksConfig.defaults(), TestDb.dataSource(), Clock.systemUTC(), () -> { }))) {
                var list = m.lists().create("bench-" + name + "-" + System.nanoTime(), csv.toString(),
                        new org.opendialer.contacts.lists.CsvContactParser.Spec(List.of("phone"), List.of(), null));
                var camp = m.campaigns().create(new MessagingCampaigns.Draft("bench-" + name + "-" + System.nanoTime(), Channel.SMS,
                        list.id(), "phone", "", null, "Hi {{name}}, your appointment is tomorrow at 10:00", null, null, 60_000,
                        null, null, "UTC")).campaign();
                m.campaigns().start(camp.id());
                long t0 = System.nanoTime();
                while (m.campaigns().find(camp.id()).orElseThrow().status() != MessagingCampaign.Status.COMPLETE) {
                    clock.advance(java.time.Duration.ofSeconds(5));
                    m.runner().tick();
                }
                double rate = n / ((System.nanoTime() - t0) / 1e9);
                assertThat(smsc.acceptedCount()).isEqualTo(n);
                return rate;
            }
        }
    }

    private static double ours(Messaging m, int n, int offset) throws Exception {
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        long t0 = System.nanoTime();
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < WINDOW; w++) {
                ex.execute(() -> {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        var r = m.sender().send(MessageSender.Outbound.sms("", "+1555" + (2_000_000 + offset + i),
                                "Your appointment is tomorrow at 10:00"));
                        if (r.message().status() == MessageStatus.SENT) {
                            ok.incrementAndGet();
                        }
                    }
                });
            }
        }
        assertThat(ok.get()).isEqualTo(n);
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    private static double bare(LoopbackSmsc smsc, int n) throws Exception {
        SMPPSession s = new SMPPSession();
        s.connectAndBind("127.0.0.1", smsc.port(), new BindParameter(BindType.BIND_TRX, "bench", "pw", "",
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));
        byte[] text = "Your appointment is tomorrow at 10:00".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        long t0 = System.nanoTime();
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < WINDOW; w++) {
                ex.execute(() -> {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        try {
                            s.submitShortMessage("", TypeOfNumber.NETWORK_SPECIFIC, NumberingPlanIndicator.UNKNOWN, "12345",
                                    TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "1555" + (3_000_000 + i),
                                    new ESMClass(), (byte) 0, (byte) 1, null, null,
                                    new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0,
                                    new GeneralDataCoding(), (byte) 0, text);
                            ok.incrementAndGet();
                        } catch (Exception e) {
                            // counted as not ok
                        }
                    }
                });
            }
        } finally {
            s.unbindAndClose();
        }
        assertThat(ok.get()).isEqualTo(n);
        return n / ((System.nanoTime() - t0) / 1e9);
    }
}
