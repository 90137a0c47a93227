package org.opendialer.acd.calls;

import java.io.File;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sql.DataSource;
import org.opendialer.acd.Acd;
import org.opendialer.acd.agents.AgentCredentials;
import org.opendialer.acd.routing.Agent;
import org.opendialer.acd.routing.AgentState;
import org.opendialer.acd.routing.Queue;
import org.opendialer.call.CallSession;
import org.opendialer.call.Audio;
import org.opendialer.call.CallSessions;
import org.opendialer.call.OriginateSpec;
import org.opendialer.media.FrameTap;
import org.opendialer.media.MediaConfig;
import org.opendialer.media.MediaServer;
import org.opendialer.media.Playable;
import org.opendialer.sip.AgentDirectory;
import org.opendialer.sip.Baresip;
import org.opendialer.sip.SipConfig;
import org.opendialer.sip.SipServer;
import org.opendialer.sip.TestPorts;
import org.opendialer.sip.TrunkConfig;
import org.opendialer.sip.time.ExecutorScheduler;
import org.opendialer.sip.time.Scheduler;
import org.opendialer.store.testing.ShiftedClock;
import org.opendialer.store.testing.TestDb;

/**
 * A dialer node and a carrier, both real, on 127.0.0.1 in real time: the dialer's SIP stack (agents authenticated
 * from the embedded PostgreSQL, phones register there), media engine, {@link CallSessions}, the ACD ticking every
 * 200 ms and {@link QueueCalls}; every call to the dialer is enqueued with {@link #request}. The carrier (its own
 * SIP stack and media engine) places the customers' calls, each sending {@link #CUSTOMER_HZ} and metering what it
 * hears with an {@link Ear}.
 */
final class CallRig implements AutoCloseable {

    static final double CUSTOMER_HZ = 700;
    static final double OUTSIDE_HZ = 900;
    static final String REALM = "dialer.test";

    final DataSource db = TestDb.dataSource();
    /** The ACD's clock (router and call side); the SIP and media sessions run on the system's. */
    final ShiftedClock clock = new ShiftedClock();
    final SipServer carrierSip;
    final MediaServer carrierMedia;
    final CallSessions carrier;
    final SipServer sip;
    final MediaServer media;
    final CallSessions sessions;
    final Acd acd;
    final QueueCalls queueCalls;
    private final ExecutorScheduler timers = Scheduler.system("acd-calls-poll");
    final Map<String, java.util.concurrent.CompletableFuture<QueueOutcome>> outcomes = new ConcurrentHashMap<>();
    volatile QueueRequest request;
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();

    CallRig() {
        AgentCredentials credentials = new AgentCredentials(db, REALM);
        TestPorts.SipPair servers = TestPorts.sipPair(
                dialerPort -> SipServer.start(new SipConfig("127.0.0.1", 0, 5061, List.of("udp"),
                        List.of(trunk("dialer", dialerPort, "d"))), AgentDirectory.none(), REALM),
                (dialerPort, carrierPort) -> SipServer.start(new SipConfig("127.0.0.1", dialerPort, 5061, List.of("udp"),
                        List.of(trunk("carrier", carrierPort, "c"))), credentials, REALM));
        carrierSip = servers.carrier();
        sip = servers.dialer();
        carrierMedia = media();
        carrier = new CallSessions(carrierSip, carrierMedia, Clock.systemUTC(), pool);
        media = media();
        sessions = new CallSessions(sip, media, Clock.systemUTC(), pool);
        acd = Acd.start(db, clock, credentials, Duration.ofMillis(200));
        queueCalls = QueueCalls.start(db, clock, timers, sessions, acd.router(), "node-" + UUID.randomUUID(),
                Duration.ofMillis(100), Duration.ofSeconds(30));
        sessions.route("*", s -> outcomes.put(s.callId(), queueCalls.enqueue(s, request)));
        // numbers the dialer calls out (an agent's transfer) answer on the carrier with OUTSIDE_HZ
        carrier.route("*", s -> s.answer().thenRun(() -> s.play(Playable.Tone.single(OUTSIDE_HZ, Duration.ofSeconds(60)))));
    }

    private static MediaServer media() {
        int base = 20000 + 2 * ThreadLocalRandom.current().nextInt(4000);
        return MediaServer.start(new MediaConfig("127.0.0.1", base, base + 2 * 40 - 1));
    }

    private static TrunkConfig trunk(String name, int port, String group) {
        return new TrunkConfig(name, "trunk", "127.0.0.1", port, "udp", 10, 50, "US", 0, null, group, "", "", "",
                "+15550001111", true, "none", 0);
    }

    /** A customer calls the dialer's DID, sends its tone once answered and listens with {@code ear}. */
    CallSession customer(String from, Ear ear) {
        CallSession c = carrier.originate(OriginateSpec.toNumber("+15550001000").withTrunkGroup("d").withFrom(from));
        c.media().addTap(ear);
        c.answered().thenRun(() -> c.play(Playable.Tone.single(CUSTOMER_HZ, Duration.ofSeconds(90))));
        return c;
    }

    /** An agent in {@code queue} with a SIP phone user (random), not yet available. */
    Agent agent(Queue queue, String sipUser, String password) {
        Agent a = acd.agents().create("agent " + sipUser, null, sipUser, password);
        acd.agents().join(queue.id(), List.of(a.id()));
        return a;
    }

    /** An agent of a queue with its registered baresip phone; closing it closes the phone. */
    record Staffed(Agent agent, Baresip phone) implements AutoCloseable {
        UUID id() {
            return agent.id();
        }

        void awaitRinging() {
            awaitOr(agent.name() + "'s phone rings", () -> phone.log().contains("Incoming call"), phone::log);
        }

        void awaitHungUp() {
            awaitOr(agent.name() + "'s phone no longer in a call", () -> phone.log().contains("session closed"), phone::log);
        }

        @Override
        public void close() throws InterruptedException {
            phone.close();
        }
    }

    /** An agent of {@code queue} (user {@code name} + digits) whose phone has registered, not yet available. */
    Staffed staffed(Queue queue, String name, Baresip.Options options) throws InterruptedException {
        String user = unique(name);
        String password = name + "-secret-1";
        Agent a = agent(queue, user, password);
        Baresip phone = Baresip.register(user, password, sip.port(), options);
        try {
            awaitOr("phone " + user + " registered", () -> !sip.registeredContacts(user).isEmpty(), phone::log);
        } catch (AssertionError e) {
            phone.close();
            throw e;
        }
        return new Staffed(a, phone);
    }

    void available(Staffed s) {
        available(s.agent());
    }

    AgentState state(Staffed s) {
        return state(s.agent());
    }

    void available(Agent a) {
        acd.agents().request(a.id(), AgentState.AVAILABLE, null);
    }

    AgentState state(Agent a) {
        return acd.agents().get(a.id()).state();
    }

    static String unique(String s) {
        return s + ThreadLocalRandom.current().nextInt(1_000_000);
    }

    /** Waits up to 20 s, polling every 50 ms. */
    static void await(String what, BooleanSupplier condition) {
        awaitOr(what, condition, () -> "");
    }

    /** {@link #await} whose failure says {@code context} (e.g. a phone's log). */
    static void awaitOr(String what, BooleanSupplier condition, java.util.function.Supplier<String> context) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what + "\n" + context.get());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted: " + what);
            }
        }
    }

    /** Frames heard, by what dominates them. */
    static final class Ear implements FrameTap {
        final Map<Double, AtomicInteger> tones = new ConcurrentHashMap<>();
        /** Loud frames dominated by no hold-music note: speech (the announcements). */
        final AtomicInteger speech = new AtomicInteger();
        final AtomicInteger music = new AtomicInteger();
        private static final double[] NOTES = {523.25, 659.25, 783.99};

        Ear(double... listenFor) {
            for (double hz : listenFor) {
                tones.put(hz, new AtomicInteger());
            }
        }

        int heard(double hz) {
            return tones.get(hz).get();
        }

        @Override
        public void onFrame(short[] pcm160, long frameIndex) {
            tones.forEach((hz, n) -> {
                if (toneShare(pcm160, hz) > 0.7) {
                    n.incrementAndGet();
                }
            });
            if (rms(pcm160) < 300) {
                return;
            }
            double best = 0;
            for (double hz : NOTES) {
                best = Math.max(best, toneShare(pcm160, hz));
            }
            if (best > 0.7) {
                music.incrementAndGet();
            } else if (tones.keySet().stream().allMatch(hz -> toneShare(pcm160, hz) < 0.3)) {
                speech.incrementAndGet();
            }
        }
    }

    /** Frames of an 8 kHz WAV file (as baresip's sndfile writes what the phone heard) dominated by {@code hz}. */
    static int framesOf(File wav, double hz) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav)) {
            AudioFormat f = in.getFormat();
            int frame = 160; // baresip dumps what it hears at the codec's 8 kHz
            byte[] all = in.readAllBytes();
            int channels = f.getChannels();
            int n = 0;
            short[] pcm = new short[frame];
            int stride = 2 * channels;
            for (int off = 0; off + frame * stride <= all.length; off += frame * stride) {
                for (int i = 0; i < frame; i++) {
                    int p = off + i * stride;
                    pcm[i] = f.isBigEndian() ? (short) ((all[p] << 8) | (all[p + 1] & 0xff))
                            : (short) ((all[p + 1] << 8) | (all[p] & 0xff));
                }
                if (toneShare(pcm, hz) > 0.7) {
                    n++;
                }
            }
            return n;
        }
    }

    static double rms(short[] pcm) {
        double e = 0;
        for (short x : pcm) {
            e += (double) x * x;
        }
        return Math.sqrt(e / pcm.length);
    }

    static double toneShare(short[] pcm, double hz) {
        return Audio.toneShare(pcm, hz);
    }

    @Override
    public void close() {
        queueCalls.close();
        timers.close();
        acd.close();
        sip.close();
        carrierSip.close();
        media.close();
        carrierMedia.close();
        pool.shutdownNow();
    }
}
