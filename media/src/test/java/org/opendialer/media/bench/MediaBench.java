package org.opendialer.media.bench;

import org.opendialer.media.DtmfMode;
import org.opendialer.media.MediaConfig;
import org.opendialer.media.MediaServer;
import org.opendialer.media.MediaServerOptions;
import org.opendialer.media.MediaSession;
import org.opendialer.media.MediaStats;
import org.opendialer.media.PlayOptions;
import org.opendialer.media.Playable;
import org.opendialer.media.session.MediaServerImpl;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.Map;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Capacity benchmark: N legs in N/2 loopback calls, every leg sending G.711 (a tone pattern) and receiving the
 * other's, each with its jitter buffer, in-band DTMF detector and RFC 4733 receiver, plus a digit every 2 s per
 * leg alternating RFC 4733 and in-band. For each N it prints dropped frames (frames missing at playout, plus
 * frames of ticks an overloaded loop skipped),
 * p99 frame lateness (tick due time to the moment that leg's packet was sent; legs on one loop go one after
 * another, so this includes a fixed per-leg offset), "jitter99" (p99 of |interval between a leg's consecutive
 * packets - 20 ms|, what a receiver sees), "wake99" (due time to the start of the loop's tick work: scheduling
 * delay alone), the worst end of a tick, bytes allocated per frame on the
 * media threads, and DTMF delivered/sent; then the largest N with zero drops and p99 under 5 ms.
 *
 * <p>With a fourth argument {@code rtpengine=127.0.0.1:22222,PID} every call is set up through a running rtpengine
 * (ng protocol, userspace forwarding) so its media is relayed there; the table then also shows rtpengine's CPU.
 *
 * <pre>java -cp media/target/classes:$(cat cp.txt) org.opendialer.media.bench.MediaBench [N1,N2,...] [seconds] [threads] [rtpengine=host:port,pid]</pre>
 * It stops after two steps that miss the target unless {@code -Dall=true}; {@code -Dnio=true} forces JDK NIO.
 */
public final class MediaBench {

    private static NgClient relay;
    private static long relayPid;

    private record Row(int legs, long drops, double p99, double jitter99, double wakeP99, double max, double bytesPerFrame, long dtmfSent,
                       long dtmfReceived, long packetsIn, long lost, double cpuCores, double load) {
    }

    public static void main(String[] args) throws Exception {
        int[] steps = args.length > 0 ? parse(args[0]) : new int[] {100, 250, 500, 750, 1000, 1250, 1500, 2000};
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        if (args.length > 3 && args[3].startsWith("rtpengine=")) {
            String[] hp = args[3].substring(10).split("[:,]");
            relay = new NgClient(new InetSocketAddress(hp[0], Integer.parseInt(hp[1])));
            relayPid = Long.parseLong(hp[2]);
        }
        System.out.printf("MediaBench: %d cores, %d event-loop threads, %d s per step, JDK %s%n",
                Runtime.getRuntime().availableProcessors(), threads, seconds, Runtime.version());
        System.out.printf("%6s %8s %9s %9s %9s %9s %10s %11s %10s %6s %7s %8s %6s%n", "legs", "dropped", "p99(ms)",
                "jitter99", "wake99", "max(ms)", "B/frame", "dtmf rx/tx", "pkts in", "lost", "cpu", "us/leg/s", "load");
        run(Math.min(100, steps[0]), 2, threads); // JIT warm-up, not reported
        List<Row> rows = new ArrayList<>();
        int failures = 0;
        for (int n : steps) {
            Row r;
            try {
                r = run(n, seconds, threads);
            } catch (IllegalStateException e) {
                System.out.printf("%6d  not measured: %s%n", n, e.getMessage());
                break;
            }
            rows.add(r);
            System.out.printf("%6d %8d %9.2f %9.2f %9.2f %9.2f %10.1f %5d/%-5d %10d %6d %7.2f %8.0f %6.2f%s%n",
                    r.legs, r.drops, r.p99, r.jitter99, r.wakeP99, r.max, r.bytesPerFrame, r.dtmfReceived, r.dtmfSent, r.packetsIn,
                    r.lost, r.cpuCores, r.cpuCores * 1e6 / r.legs, r.load, relay == null ? ""
                            : String.format("  rtpengine cpu %.2f = %.0f us/leg/s", relayCores,
                                    relayCores * 1e6 / r.legs));
            if (r.drops > 0 || r.p99 >= 5) {
                if (++failures >= 2 && !Boolean.getBoolean("all")) {
                    break; // past capacity; more steps only load the shared machine
                }
            }
        }
        int best = 0;
        int bestJitter = 0;
        for (Row r : rows) {
            if (r.drops == 0 && r.p99 < 5) {
                best = Math.max(best, r.legs);
            }
            if (r.drops == 0 && r.jitter99 < 5) {
                bestJitter = Math.max(bestJitter, r.legs);
            }
        }
        System.out.printf("transport %s; largest N with zero dropped frames and p99 frame lateness < 5 ms: %d legs"
                + " (with send jitter p99 < 5 ms instead: %d legs)%n", transport, best, bestJitter);
        double usPerLeg = 0;
        for (Row r : rows) {
            usPerLeg = Math.max(usPerLeg, r.cpuCores * 1e6 / r.legs);
        }
        System.out.printf("CPU-bound estimate (%d cores / worst us of CPU per leg-second): %.0f legs%n",
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().availableProcessors() * 1e6 / Math.max(1, usPerLeg));
    }

    private static int[] parse(String s) {
        String[] parts = s.split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Integer.parseInt(parts[i].trim());
        }
        return out;
    }

    private static Row run(int legs, int seconds, int threads) throws Exception {
        legs = legs / 2 * 2;
        // unique per run: rtpengine keeps deleted calls for a while and would not relay a reused call-id
        String runId = "bench-" + legs + "-" + System.nanoTime();
        MediaConfig cfg = new MediaConfig("127.0.0.1", 20000, 20000 + 4 * legs + 399);
        MediaServerImpl server = (MediaServerImpl) MediaServer.start(cfg, MediaServerOptions.defaults()
                .withThreads(threads).withNativeTransport(!Boolean.getBoolean("nio")));
        transport = server.transport();
        AtomicLong received = new AtomicLong();
        List<MediaSession> all = new ArrayList<>();
        try {
            long setupDeadline = System.nanoTime() + 60_000_000_000L;
            for (int i = 0; i < legs / 2; i++) {
                if (System.nanoTime() > setupDeadline) {
                    throw new IllegalStateException("call setup took over 60 s (machine overloaded)");
                }
                MediaSession a = server.createSession("a" + i);
                MediaSession b = server.createSession("b" + i);
                if (relay == null) {
                    a.acceptAnswer(b.answer(a.createOffer()));
                } else {
                    String id = runId + "-" + i;
                    String offer = relay.call("offer", Map.of("call-id", id, "from-tag", "a", "sdp", a.createOffer()));
                    String answer = relay.call("answer", Map.of("call-id", id, "from-tag", "a", "to-tag", "b",
                            "sdp", b.answer(offer)));
                    a.acceptAnswer(answer);
                }
                all.add(a);
                all.add(b);
            }
            for (int i = 0; i < all.size(); i++) {
                MediaSession s = all.get(i);
                s.onDtmf(e -> received.incrementAndGet());
                // different pitch per leg, so a leg never hears exactly what it sends
                s.play(new Playable.Tone(List.of(new Playable.Tone.Segment(300 + (i % 7) * 50, 0, 1000, 3000),
                        new Playable.Tone.Segment(0, 0, 500)), true, Duration.ofHours(1)), PlayOptions.DEFAULT);
            }
            Thread.sleep(2000); // warm-up: JIT, jitter buffers primed
            long[] base = totals(all);
            server.resetLateness();
            com.sun.management.ThreadMXBean tmx =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            List<Thread> media = new ArrayList<>(server.loopThreads());
            Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("media-clock"))
                    .forEach(media::add);
            long allocBefore = allocated(tmx, media);
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuBefore = os.getProcessCpuTime();
            long relayBefore = relayCpuNanos();
            long wallBefore = System.nanoTime();
            long sent = 0;
            long start = System.nanoTime();
            int round = 0;
            while (System.nanoTime() - start < seconds * 1_000_000_000L) {
                // one digit per leg every 2 s, spread over the interval
                for (int i = round % 20; i < all.size(); i += 20) {
                    all.get(i).sendDtmf("0123456789*#ABCD".charAt((i + round) % 16),
                            (i + round) % 2 == 0 ? DtmfMode.RFC4733 : DtmfMode.INBAND);
                    sent++;
                }
                round++;
                Thread.sleep(100);
            }
            double cpuCores = (os.getProcessCpuTime() - cpuBefore) / (double) (System.nanoTime() - wallBefore);
            relayCores = (relayCpuNanos() - relayBefore) / (double) (System.nanoTime() - wallBefore);
            Thread.sleep(600); // let the last digits finish before counting
            long allocAfter = allocated(tmx, media);
            long[] end = totals(all);
            var lateness = server.lateness();
            long frames = 2L * legs * (lateness.ticks() / threads);
            double perFrame = frames == 0 ? 0 : (allocAfter - allocBefore) / (double) frames;
            long skippedFrames = lateness.skippedTicks() * legs / threads; // legs spread evenly over the loops
            return new Row(legs, end[0] - base[0] + skippedFrames, lateness.quantileMs(0.99),
                    lateness.intervalDeviationQuantileMs(0.99), lateness.wakeQuantileMs(0.99),
                    lateness.maxMs(), perFrame, sent, received.get(), end[1] - base[1], end[2] - base[2], cpuCores,
                    os.getSystemLoadAverage());
        } finally {
            if (relay != null) {
                for (int i = 0; i < legs / 2; i++) {
                    try {
                        relay.call("delete", Map.of("call-id", runId + "-" + i, "from-tag", "a"));
                    } catch (IOException ignored) {
                        // already gone
                    }
                }
            }
            server.close();
            Thread.sleep(500);
        }
    }

    private static double relayCores;
    private static String transport = "?";

    /** rtpengine's CPU time (utime + stime from /proc, 100 Hz ticks), or 0 without a relay. */
    private static long relayCpuNanos() {
        if (relay == null) {
            return 0;
        }
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + relayPid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
        } catch (IOException e) {
            return 0;
        }
    }

    /** {dropped frames, packets in, packets lost} summed over legs. */
    private static long[] totals(List<MediaSession> legs) {
        long drops = 0;
        long in = 0;
        long lost = 0;
        for (MediaSession s : legs) {
            MediaStats st = s.stats();
            drops += st.framesConcealed() + st.framesUnderrun() + st.packetsLate();
            in += st.packetsIn();
            lost += st.packetsLost();
        }
        return new long[] {drops, in, lost};
    }

    private static long allocated(com.sun.management.ThreadMXBean tmx, List<Thread> threads) {
        long sum = 0;
        for (Thread t : threads) {
            if (t != null) {
                sum += Math.max(0, tmx.getThreadAllocatedBytes(t.threadId()));
            }
        }
        return sum;
    }
}
