package org.opendialer.messaging.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
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
import org.opendialer.messaging.sms.sim.LoopbackSmsc;
import org.opendialer.messaging.sms.smpp.SmppSmsGateway;

/**
 * Submit rate over one bind with a window to the loopback SMSC: our gateway against the bare jSMPP client at the
 * same window, in the same run. Prints the figures; asserts only that every message was accepted (speed depends
 * on the machine). {@code -Dbench.messages=N} sets the count (default 4000).
 */
class SmppThroughputBenchmarkTest {

    static final int WINDOW = 50;
    static final int N = Integer.getInteger("bench.messages", 4000);

    @Test
    void oursAgainstBareJsmpp() throws Exception {
        try (LoopbackSmsc smsc = LoopbackSmsc.start("bench", "pw")) {
            smsc.recordSubmits(false);
            bare(smsc, N / 4); // warm-up of both paths
            ours(smsc, N / 4);
            double bare = bare(smsc, N);
            double ours = ours(smsc, N);
            System.out.printf("SMPP benchmark, window %d, %d messages: bare jSMPP %.0f msg/s, ours %.0f msg/s, ratio %.2f%n",
                    WINDOW, N, bare, ours, ours / bare);
            assertThat(smsc.acceptedCount()).isEqualTo(N / 4 * 2 + 2L * N);
        }
    }

    private static double ours(LoopbackSmsc smsc, int n) throws Exception {
        SmppConfig c = SmppConfig.of("127.0.0.1", smsc.port(), "bench", "pw", "12345").withWindow(WINDOW, 0);
        try (SmppSmsGateway g = SmppSmsGateway.start(c, Clock.systemUTC(), SendPacer.Sleeper.REAL);
             ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            AtomicInteger ok = new AtomicInteger();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                String to = "+1555" + (1_000_000 + i);
                ex.execute(() -> {
                    if (g.submit(new OutboundSms("", to, "Your appointment is tomorrow at 10:00")) instanceof SmsSubmitResult.Accepted) {
                        ok.incrementAndGet();
                    }
                });
            }
            ex.shutdown();
            ex.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES);
            double rate = n / ((System.nanoTime() - t0) / 1e9);
            assertThat(ok.get()).isEqualTo(n);
            return rate;
        }
    }

    private static double bare(LoopbackSmsc smsc, int n) throws Exception {
        SMPPSession s = new SMPPSession();
        s.connectAndBind("127.0.0.1", smsc.port(), new BindParameter(BindType.BIND_TRX, "bench", "pw", "",
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));
        Semaphore window = new Semaphore(WINDOW);
        AtomicInteger ok = new AtomicInteger();
        byte[] text = "Your appointment is tomorrow at 10:00".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                String to = "1555" + (1_000_000 + i);
                ex.execute(() -> {
                    try {
                        window.acquire();
                        try {
                            s.submitShortMessage("", TypeOfNumber.NETWORK_SPECIFIC, NumberingPlanIndicator.UNKNOWN, "12345",
                                    TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, to, new ESMClass(), (byte) 0,
                                    (byte) 1, null, null, new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE),
                                    (byte) 0, new GeneralDataCoding(), (byte) 0, text);
                            ok.incrementAndGet();
                        } finally {
                            window.release();
                        }
                    } catch (Exception e) {
                        // counted as not ok
                    }
                });
            }
            ex.shutdown();
            ex.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES);
            double rate = n / ((System.nanoTime() - t0) / 1e9);
            assertThat(ok.get()).isEqualTo(n);
            return rate;
        } finally {
            s.unbindAndClose();
        }
    }
}
