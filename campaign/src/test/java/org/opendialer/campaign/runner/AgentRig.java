package org.opendialer.campaign.runner;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.opendialer.acd.Acd;
import org.opendialer.acd.agents.AgentCredentials;
import org.opendialer.acd.calls.QueueCalls;
import org.opendialer.acd.routing.Agent;
import org.opendialer.acd.routing.AgentState;
import org.opendialer.acd.routing.Queue;
import org.opendialer.call.CallSession;
import org.opendialer.call.CallSessions;
import org.opendialer.media.MediaConfig;
import org.opendialer.media.MediaServer;
import org.opendialer.media.Playable;
import org.opendialer.sip.AgentDirectory;
import org.opendialer.sip.Baresip;
import org.opendialer.sip.Q850;
import org.opendialer.sip.SipConfig;
import org.opendialer.sip.SipServer;
import org.opendialer.sip.TestPorts;
import org.opendialer.sip.time.ExecutorScheduler;
import org.opendialer.sip.time.Scheduler;
import org.opendialer.store.testing.TestDb;

/**
 * A dialer node with the ACD's call side (agents' baresip phones register to its SIP stack) and a carrier of real
 * parts (its own SIP stack and media engine on 127.0.0.1) where every number answers as a person: it says
 * {@link #CUSTOMER_HZ} while the call lasts, hangs up after {@link #talk}, and meters what it hears per call.
 */
final class AgentRig implements AutoCloseable {

    static final String REALM = "dialer.test";
    static final double CUSTOMER_HZ = 700;

    /** What the carrier heard on one answered call; times are the carrier's, at RTP receipt. */
    static final class Heard {
        volatile long answeredNanos;
        volatile long firstLoudNanos;
        final AtomicInteger loudFrames = new AtomicInteger();

        volatile long lastLoudNanos;

        /** Milliseconds from the answer to the last loud frame received, or -1. */
        long msToLastLoud() {
            return lastLoudNanos == 0 ? -1 : (lastLoudNanos - answeredNanos) / 1_000_000;
        }

        /** Milliseconds from the answer to the first loud frame received (speech), or -1. */
        long msToFirstLoud() {
            return firstLoudNanos == 0 ? -1 : (firstLoudNanos - answeredNanos) / 1_000_000;
        }
    }

    final DataSource db = TestDb.dataSource();
    final SipServer carrierSip;
    final MediaServer carrierMedia;
    final CallSessions carrier;
    final SipServer sip;
    final MediaServer media;
    final CallSessions sessions;
    final Acd acd;
    final QueueCalls queueCalls;
    private final ExecutorScheduler timers = Scheduler.system("acd-calls-poll");
    final Map<String, Heard> heard = new ConcurrentHashMap<>();
    final AtomicInteger concurrent = new AtomicInteger();
    final AtomicInteger maxConcurrent = new AtomicInteger();
    volatile Duration talk = Duration.ofSeconds(4);
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();

    AgentRig() {
        AgentCredentials credentials = new AgentCredentials(db, REALM);
        TestPorts.SipPair servers = TestPorts.sipPair(
                dialerPort -> SipServer.start(new SipConfig("127.0.0.1", 0, 5061, List.of("udp"),
                        List.of(Rig.trunk("dialer", dialerPort, "d"))), AgentDirectory.none(), REALM),
                (dialerPort, carrierPort) -> SipServer.start(new SipConfig("127.0.0.1", dialerPort, 5061, List.of("udp"),
                        List.of(Rig.trunk("carrier", carrierPort, "main"))), credentials, REALM));
        carrierSip = servers.carrier();
        sip = servers.dialer();
        carrierMedia = media();
        carrier = new CallSessions(carrierSip, carrierMedia, Clock.systemUTC(), pool);
        media = media();
        sessions = new CallSessions(sip, media, Clock.systemUTC(), pool);
        acd = Acd.start(db, Clock.systemUTC(), credentials, Duration.ofMillis(200));
        queueCalls = QueueCalls.start(db, Clock.systemUTC(), timers, sessions, acd.router(), "node-" + UUID.randomUUID(),
                Duration.ofMillis(100), Duration.ofSeconds(30));
        carrier.route("*", this::person);
    }

    private void person(CallSession s) {
        Heard h = new Heard();
        heard.put(s.inbound().map(in -> in.did()).orElse(s.callId()), h);
        maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
        s.ended().whenComplete((e, t) -> concurrent.decrementAndGet());
        s.media().addTap((pcm, i) -> {
            if (loud(pcm)) {
                if (h.firstLoudNanos == 0) {
                    h.firstLoudNanos = System.nanoTime();
                }
                h.lastLoudNanos = System.nanoTime();
                h.loudFrames.incrementAndGet();
            }
        });
        s.answer().thenRun(() -> {
            h.answeredNanos = System.nanoTime();
            s.play(Playable.Tone.single(CUSTOMER_HZ, talk.multipliedBy(2)));
            Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(talk.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                s.hangup(Q850.NORMAL_CLEARING);
            });
        });
    }

    /** An agent of {@code queue} whose baresip phone (auto-answer) has registered, made available. */
    Staffed agent(Queue queue, String name) throws InterruptedException {
        return agent(queue, name, true);
    }

    /** As {@link #agent(Queue, String)}; {@code autoAnswer} false: the phone rings and nobody answers it. */
    Staffed agent(Queue queue, String name, boolean autoAnswer) throws InterruptedException {
        String user = name + ThreadLocalRandom.current().nextInt(1_000_000);
        String password = name + "-secret-1";
        Agent a = acd.agents().create("agent " + user, null, user, password);
        acd.agents().join(queue.id(), List.of(a.id()));
        Baresip phone = Baresip.register(user, password, sip.port(), new Baresip.Options(autoAnswer, 1100, null));
        AgentlessRunnerTest.await("phone " + user + " registered", () -> !sip.registeredContacts(user).isEmpty());
        acd.agents().request(a.id(), AgentState.AVAILABLE, null);
        return new Staffed(a, phone);
    }

    record Staffed(Agent agent, Baresip phone) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            phone.close();
        }
    }

    AgentState state(Staffed s) {
        return acd.agents().get(s.agent().id()).state();
    }

    private static MediaServer media() {
        int base = 20000 + 2 * ThreadLocalRandom.current().nextInt(4000);
        return MediaServer.start(new MediaConfig("127.0.0.1", base, base + 2 * 40 - 1));
    }

    /** Speech or a tone, not silence or comfort noise: RMS over 300. */
    static boolean loud(short[] pcm) {
        double energy = java.util.stream.IntStream.range(0, pcm.length).mapToDouble(i -> (double) pcm[i] * pcm[i]).sum();
        return Math.sqrt(energy / pcm.length) > 300;
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
