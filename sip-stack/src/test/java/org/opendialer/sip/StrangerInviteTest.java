package org.opendialer.sip;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 11: a scanner's INVITE flood from a source that is neither trunk nor agent is refused with 403 at no lasting
 * cost: no transaction or dialog kept per refusal, a handful of log lines instead of one per INVITE, and a counter.
 */
class StrangerInviteTest {

    /** 3,000 by default; {@code -Dstranger.invites=60000} repeats the issue's flood and prints the footprint. */
    static final int INVITES = Integer.getInteger("stranger.invites", 3_000);

    private SipServer server;
    /** Lines about refusals: counted, and the first few kept (keeping all would skew the footprint). */
    private final AtomicInteger refusalLines = new AtomicInteger();
    private final List<String> firstRefusalLines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getMessage().contains("refused") && refusalLines.incrementAndGet() <= 20) {
                firstRefusalLines.add(r.getMessage());
            }
        }

        @Override
        public void flush() { }

        @Override
        public void close() { }
    };
    private final java.util.logging.Logger sipLog =
            java.util.logging.Logger.getLogger("org.opendialer.sip.transport.JainSipServer");
    private ch.qos.logback.classic.Logger messageTrace;
    private Level traceLevel;

    @BeforeEach
    void captureLogs() {
        sipLog.addHandler(capture);
        messageTrace = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("sip.messages");
        traceLevel = messageTrace.getLevel();
        messageTrace.setLevel(Level.INFO); // 6,000 traced messages would only slow the test down
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        sipLog.removeHandler(capture);
        messageTrace.setLevel(traceLevel);
    }

    private int start(List<String> transports) {
        int port = Sipp.freeUdpPort();
        TrunkConfig carrier = new TrunkConfig("carrier", "trunk", "127.0.0.1", 5060, "udp", 10, 10, "US", 0, null,
                null, null, null, null, null, false, null, 0);
        server = SipServer.start(new SipConfig("127.0.0.1", port, 5061, transports, List.of(carrier)),
                AgentDirectory.none(), "dialer.test");
        server.route("*", call -> {
            throw new AssertionError("a stranger's call must never reach routing");
        });
        return port;
    }

    @Test
    void aStrangerOverTcpGets403OnItsConnection() throws Exception {
        int port = start(List.of("udp", "tcp"));
        try (java.net.Socket tcp = new java.net.Socket()) {
            tcp.bind(new java.net.InetSocketAddress("127.0.0.2", 0));
            tcp.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5_000);
            tcp.setSoTimeout(10_000);
            String local = "127.0.0.2:" + tcp.getLocalPort();
            String invite = "INVITE sip:100@127.0.0.1:" + port + ";transport=tcp SIP/2.0\r\n"
                    + "Via: SIP/2.0/TCP " + local + ";branch=z9hG4bK-tcp-1\r\n"
                    + "From: <sip:100@127.0.0.2>;tag=tcp1\r\nTo: <sip:100@127.0.0.1>\r\n"
                    + "Call-ID: tcp-1@127.0.0.2\r\nCSeq: 1 INVITE\r\nContact: <sip:100@" + local + ";transport=tcp>\r\n"
                    + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
            tcp.getOutputStream().write(invite.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(tcp.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII));
            String status = in.readLine();
            while (status != null && status.startsWith("SIP/2.0 1")) { // skip provisional responses, if any
                while (!in.readLine().isEmpty()) { }
                status = in.readLine();
            }
            assertThat(status).startsWith("SIP/2.0 403");
            List<String> headers = new java.util.ArrayList<>();
            for (String h = in.readLine(); h != null && !h.isEmpty(); h = in.readLine()) {
                headers.add(h);
            }
            assertThat(headers).as("answered by the valve, which tags its 403")
                    .anyMatch(h -> h.matches("(?i)(To|t)\\s*:.*;\\s*tag=.*"));
        }
        assertThat(server.stats().refusals()).containsEntry(SipStats.Refusal.UNTRUSTED_SOURCE, 1L);
    }

    @Test
    void aFloodOfStrangerInvitesIsRefusedStatelesslyCountedAndLoggedInSummaries() throws Exception {
        int port = start(List.of("udp"));
        SipStats baseline = server.stats();
        Footprint before = Footprint.measure();

        try (UdpBlaster scanner = new UdpBlaster("127.0.0.2", port)) {
            long started = System.nanoTime();
            assertThat(scanner.send("INVITE", INVITES, 200, 60)).isEqualTo(Map.of(403, INVITES));
            long floodMillis = (System.nanoTime() - started) / 1_000_000;
            SipStats after = server.stats();
            Footprint footprint = Footprint.measure();
            System.out.printf("stranger flood: %d INVITEs in %d ms; heap after GC %d -> %d KiB, peak committed heap "
                    + "%d KiB, allocated %d bytes per INVITE, RSS %d -> %d KiB; %s%n", INVITES, floodMillis,
                    before.heapKib(), footprint.heapKib(), footprint.peakHeapKib(),
                    (footprint.allocatedKib() - before.allocatedKib()) * 1024 / INVITES, before.rssKib(),
                    footprint.rssKib(), after);
            assertThat(after.refusals()).containsEntry(SipStats.Refusal.UNTRUSTED_SOURCE, (long) INVITES);
            assertThat(List.of(after.transactions(), after.dialogs(), after.activeLegs()))
                    .as("transactions, dialogs, legs kept for refused INVITEs (baseline " + baseline + ")")
                    .isEqualTo(List.of(baseline.transactions(), baseline.dialogs(), baseline.activeLegs()));
            assertThat(scanner.untaggedFinalResponses()).as("final responses without a To tag").isZero();
            assertThat(scanner.send("OPTIONS", 1, 1, 10)).as("the stack still answers").containsEntry(200, 1);
        }
        assertThat(refusalLines.get()).as("log lines about the refusals: " + firstRefusalLines)
                .isLessThanOrEqualTo(10);
        assertThat(firstRefusalLines).anyMatch(m -> m.contains("127.0.0.2"));
    }

    /**
     * Heap in use after a full collection, the heap's peak committed size since the last measure, bytes allocated by
     * all platform threads so far, and the process's resident set from /proc.
     */
    record Footprint(long heapKib, long peakHeapKib, long allocatedKib, long rssKib) {
        static Footprint measure() throws java.io.IOException {
            System.gc();
            var memory = java.lang.management.ManagementFactory.getMemoryMXBean();
            long peak = 0;
            for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getCommitted();
                    pool.resetPeakUsage();
                }
            }
            long allocated = ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory
                    .getThreadMXBean()).getTotalThreadAllocatedBytes();
            long rss = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("\\D", "")).mapToLong(Long::parseLong)
                    .findFirst().orElse(-1);
            return new Footprint(memory.getHeapMemoryUsage().getUsed() / 1024, peak / 1024, allocated / 1024, rss);
        }
    }
}
