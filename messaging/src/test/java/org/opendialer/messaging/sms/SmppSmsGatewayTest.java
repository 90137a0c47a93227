package org.opendialer.messaging.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendialer.messaging.FakeClock;
import org.opendialer.messaging.sms.sim.LoopbackSmsc;
import org.opendialer.messaging.sms.smpp.SmppSmsGateway;

/** The ESME against the in-process SMSC over 127.0.0.1; pacing and back-off run on a fake clock. */
class SmppSmsGatewayTest {

    private final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final List<SmsReceipt> receipts = new CopyOnWriteArrayList<>();
    private final List<InboundSms> inbound = new CopyOnWriteArrayList<>();
    private LoopbackSmsc smsc;
    private SmppSmsGateway gateway;

    @BeforeEach
    void bind() {
        smsc = LoopbackSmsc.start("dialer", "secret");
        gateway = SmppSmsGateway.start(SmppConfig.of("127.0.0.1", smsc.port(), "dialer", "secret", "12345"), clock, clock);
        gateway.setListener(new SmsListener() {
            @Override
            public void onReceipt(SmsReceipt r) {
                receipts.add(r);
            }

            @Override
            public void onInbound(InboundSms sms) {
                inbound.add(sms);
            }
        });
    }

    @AfterEach
    void close() {
        gateway.close();
        smsc.close();
    }

    @Test
    void submitsAndMatchesTheDeliveryReceipt() {
        var r = (SmsSubmitResult.Accepted) gateway.submit(new OutboundSms("", "+15551230001", "Your code is 1234"));
        assertThat(smsc.submitted()).singleElement().satisfies(s -> {
            assertThat(s.to()).isEqualTo("+15551230001");
            assertThat(s.from()).isEqualTo("12345");
            assertThat(s.text()).isEqualTo("Your code is 1234");
            assertThat(s.receiptRequested()).isTrue();
        });
        smsc.deliverReceipt(r.receiptId(), "+15551230001", "12345", "DELIVRD", "000");
        await(() -> receipts.size() == 1);
        assertThat(receipts.getFirst().messageId()).isEqualTo(r.receiptId());
        assertThat(receipts.getFirst().state()).isEqualTo(SmsReceipt.State.DELIVERED);
    }

    @Test
    void longUnicodeTextTravelsAsConcatenatedUcs2PartsAndOnlyTheLastAsksForAReceipt() {
        String text = "Привет! ".repeat(20);
        var r = (SmsSubmitResult.Accepted) gateway.submit(new OutboundSms("+15550000000", "+15551230002", text));
        assertThat(r.encoding()).isEqualTo(SmsEncoding.UCS2);
        assertThat(r.messageIds()).hasSize(3);
        List<LoopbackSmsc.Submitted> parts = smsc.submitted();
        assertThat(parts).allSatisfy(p -> {
            assertThat(p.udhi()).isTrue();
            assertThat(p.dataCoding()).isEqualTo((byte) 8);
            assertThat(p.from()).isEqualTo("+15550000000");
        });
        assertThat(parts.stream().map(LoopbackSmsc.Submitted::receiptRequested)).containsExactly(false, false, true);
        assertThat(String.join("", parts.stream().map(LoopbackSmsc.Submitted::text).toList())).isEqualTo(text);
    }

    @Test
    void throttlingIsRetriedAfterABackOffOnTheInjectedClock() {
        AtomicInteger refusals = new AtomicInteger(3);
        smsc.policy(s -> refusals.getAndDecrement() > 0 ? LoopbackSmsc.Answer.THROTTLE : LoopbackSmsc.Answer.ACCEPT);
        var r = gateway.submit(new OutboundSms("", "+15551230003", "hello"));
        assertThat(r).isInstanceOf(SmsSubmitResult.Accepted.class);
        assertThat(gateway.stats().throttled()).isEqualTo(3);
        assertThat(smsc.refusedCount()).isEqualTo(3);
        // 50 + 100 + 200 ms of back-off, waited on the fake clock, not slept
        assertThat(clock.slept()).isEqualTo(Duration.ofMillis(350));
    }

    @Test
    void aRejectionCarriesTheAggregatorsStatus() {
        smsc.policy(s -> new LoopbackSmsc.Answer(0x0B));
        var r = (SmsSubmitResult.Rejected) gateway.submit(new OutboundSms("", "+15551230004", "hello"));
        assertThat(r.commandStatus()).isEqualTo(0x0B);
        assertThat(r.reason()).contains("ESME_RINVDSTADR");
        assertThat(r.retryable()).isFalse();
    }

    @Test
    void mobileOriginatedMessagesAndFailedReceiptsArrive() {
        smsc.deliverMo("+15551230005", "12345", "STOP");
        smsc.deliverReceipt("999", "+15551230005", "12345", "UNDELIV", "012");
        await(() -> inbound.size() == 1 && receipts.size() == 1);
        assertThat(inbound.getFirst().from()).isEqualTo("+15551230005");
        assertThat(inbound.getFirst().to()).isEqualTo("12345");
        assertThat(inbound.getFirst().text()).isEqualTo("STOP");
        assertThat(receipts.getFirst().state()).isEqualTo(SmsReceipt.State.UNDELIVERABLE);
        assertThat(receipts.getFirst().error()).isEqualTo("012");
    }

    @Test
    void aLongMobileOriginatedMessageArrivesWholeWhateverTheOrderOfItsParts() {
        String reply = "Thanks for the reminder! I will be there at ten, but could we move the appointment by half an hour? "
                + "Traffic is terrible on Mondays and I would rather not be late. Best, Ann ✓";
        smsc.deliverMo("+15551230008", "12345", reply, true);
        await(() -> inbound.size() == 1);
        assertThat(inbound.getFirst().text()).isEqualTo(reply);
    }

    @Test
    void aDroppedLinkIsBoundAgain() {
        await(() -> smsc.boundSessions() == 1);
        smsc.dropAll();
        await(() -> !gateway.isBound());
        await(() -> gateway.isBound());
        assertThat(gateway.stats().binds()).isEqualTo(2);
        assertThat(gateway.submit(new OutboundSms("", "+15551230006", "after reconnect"))).isInstanceOf(SmsSubmitResult.Accepted.class);
    }

    @Test
    void aGatewayWithoutSmscKeepsTryingAndRefusesSendsMeanwhile() {
        SmppConfig nowhere = new SmppConfig(true, "127.0.0.1", 9, "x", "y", "", "1", 1, 1, 1, 0, 30, 5, 200);
        try (SmppSmsGateway g = SmppSmsGateway.start(nowhere, clock, clock)) {
            var r = (SmsSubmitResult.Rejected) g.submit(new OutboundSms("", "+15551230007", "hi"));
            assertThat(r.retryable()).isTrue();
            assertThat(r.reason()).contains("not bound");
        }
    }

    /** Waits for events from the network (receipts, re-binds); bounded, polls, no pacing depends on it. */
    static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 15 s");
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
