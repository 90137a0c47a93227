package org.opendialer.ivr.run;

import static org.assertj.core.api.Assertions.assertThat;


import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opendialer.ivr.flow.FlowVersion;
import org.opendialer.ivr.run.FlowExecutions.Execution;
import org.opendialer.ivr.run.FlowExecutions.Step;
import org.opendialer.sip.Q850;

/**
 * Not a test (its name keeps it out of the default run; see ivr/BENCH.md): C callers at once, each calling a DID
 * over loopback SIP/RTP into a flow that welcomes it, looks it up on the CRM stand-in (HTTP, OAuth2, JSONPath),
 * greets it by name and waits in a menu. Measured at the far end twice: on the wire (each RTP packet as read from
 * the caller's socket) and at the ear (after the caller's jitter buffer):
 * <ul>
 *   <li>answer → first prompt audio: from the caller seeing the 200 OK to its first voiced packet or frame;</li>
 *   <li>CRM answer → next prompt audio: from the end of the lookup step (trace) to the onset of the greeting.</li>
 * </ul>
 * Both sides run in this JVM, so both are measured on the same clocks. All C calls are placed in one burst unless
 * {@code -Dbench.cps=N} spaces them at N calls per second (a carrier's CPS limit); the burst is the reported figure.
 *
 * <pre>mvn -B -q -pl ivr -am test -Dtest=FlowBench -DfailIfNoSpecifiedTests=false -Dbench.c=200</pre>
 */
class FlowBench {

    static final String FLOW = """
            name: bench
            language: en
            start: welcome
            nodes:
              welcome: { type: say, text: "Welcome to the support line.", next: lookup }
              lookup:
                type: dataAction
                action: crm.contactByPhone
                inputs: { phone: "{{callerNumber}}" }
                outputs: { customerName: firstName, recordId: id }
                timeoutMs: 2000
                success: greet
                notFound: generic
                failure: generic
              greet: { type: say, text: "Hello {{customerName}}, thank you for calling.", next: hold }
              generic: { type: say, text: "Thank you for calling.", next: hold }
              hold:
                type: menu
                prompt: "Please hold."
                choices: { "1": queue }
                timeoutMs: 6000
                retries: 0
                noInput: queue
                invalid: queue
              queue: { type: transferToQueue, queue: support }
            """;
    static final List<String> CALLERS = List.of("+15551230001", "+15551230003", "+821012345678");

    @Test
    void concurrentCallersThroughACrmFlow() throws Exception {
        int c = Integer.getInteger("bench.c", 200);
        int cps = Integer.getInteger("bench.cps", 0); // 0: all calls in one burst (the default, reported figure)
        try (FlowRig rig = new FlowRig(c)) {
            FlowVersion v = rig.publish(FLOW);
            String did = rig.route(v.flowId());
            warmUp(rig, did);
            rig.queue.requests.clear();

            List<Caller> callers = new ArrayList<>();
            var answeredAt = new ConcurrentHashMap<Caller, Long>();
            var answeredWall = new ConcurrentHashMap<Caller, Long>();
            var placedAt = new ConcurrentHashMap<Caller, Long>();
            long t0 = System.nanoTime();
            for (int i = 0; i < c; i++) {
                if (cps > 0) { // a carrier's calls-per-second limit: the i-th INVITE no earlier than i / cps s
                    long due = t0 + i * TimeUnit.SECONDS.toNanos(1) / cps;
                    TimeUnit.NANOSECONDS.sleep(due - System.nanoTime());
                }
                long placed = System.nanoTime();
                Caller caller = rig.call(did, CALLERS.get(i % CALLERS.size()));
                placedAt.put(caller, placed);
                caller.session.answered().thenRun(() -> {
                    answeredAt.put(caller, System.nanoTime());
                    answeredWall.put(caller, System.currentTimeMillis());
                });
                callers.add(caller);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (rig.queue.requests.size() < c && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            int peak = rig.dialerMedia.activeSessions();
            List<Long> firstAudio = new ArrayList<>();
            List<Long> afterCrm = new ArrayList<>();
            List<Long> wireFirstAudio = new ArrayList<>();
            List<Long> wireAfterCrm = new ArrayList<>();
            List<Long> crmTook = new ArrayList<>();
            List<Long> firstPacket = new ArrayList<>();
            List<Long> postDial = new ArrayList<>();
            List<Long> toWelcomeNode = new ArrayList<>();
            List<Long> welcomeNodeToEar = new ArrayList<>();
            List<Long> greetNodeToEar = new ArrayList<>();
            List<Long> greetNodeToWire = new ArrayList<>();
            int incomplete = 0;
            for (Caller caller : callers) {
                Long answered = answeredAt.get(caller);
                long voice = caller.heard.firstVoiceAfter(0);
                long wireVoice = caller.wire.firstVoiceAfter(0);
                if (answered == null || voice < 0 || wireVoice < 0) {
                    incomplete++;
                    continue;
                }
                firstAudio.add(TimeUnit.NANOSECONDS.toMillis(voice - answered));
                postDial.add(TimeUnit.NANOSECONDS.toMillis(answered - placedAt.get(caller)));
                wireFirstAudio.add(TimeUnit.NANOSECONDS.toMillis(wireVoice - answered));
                Execution e = rig.ended(caller.session.callId());
                Step lookup = e.steps().stream().filter(s -> s.nodeId().equals("lookup")).findFirst().orElseThrow();
                crmTook.add(lookup.tookMillis());
                long welcomeAt = e.steps().getFirst().at().toEpochMilli();
                toWelcomeNode.add(welcomeAt - answeredWall.get(caller));
                firstPacket.add(caller.wire.firstMillis() - answeredWall.get(caller));
                welcomeNodeToEar.add(caller.heard.onsetAfterMillis(0, 0) - welcomeAt);
                long crmAnswered = lookup.at().plusMillis(lookup.tookMillis()).toEpochMilli();
                long greeting = caller.heard.onsetAfterMillis(crmAnswered, 3);
                long greetingOnWire = caller.wire.onsetAfterMillis(crmAnswered, 3);
                if (greeting < 0 || greetingOnWire < 0) {
                    incomplete++;
                    continue;
                }
                afterCrm.add(greeting - crmAnswered);
                wireAfterCrm.add(greetingOnWire - crmAnswered);
                long greetAt = e.steps().get(2).at().toEpochMilli();
                greetNodeToEar.add(greeting - greetAt);
                greetNodeToWire.add(greetingOnWire - greetAt);
            }
            System.out.printf("%n%d callers%s (%d media legs at once on the dialer, calls placed in %d ms), %d incomplete%n", c,
                    cps > 0 ? " at " + cps + " calls/s" : " in one burst", peak,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), incomplete);
            print("call placed -> answer (post-dial delay, ms)", postDial);
            System.out.println("at the caller's socket (the wire, before its jitter buffer):");
            print("answer -> first prompt RTP packet (ms)", firstPacket);
            print("answer -> first prompt audio (ms)", wireFirstAudio);
            print("CRM answer -> next prompt audio (ms)", wireAfterCrm);
            System.out.println("at the caller's ear (after its 3-frame jitter buffer and playout tick):");
            print("answer -> first prompt audio (ms)", firstAudio);
            print("CRM answer -> next prompt audio (ms)", afterCrm);
            print("CRM lookup step (ms)", crmTook);
            for (String text : List.of("Welcome to the support line.", "Hello Jane, thank you for calling.")) {
                System.out.printf("  leading silence of the prompt as played '%s': %d ms%n", text, leadingSilenceMs(text));
            }
            print("  answer -> welcome node starts", toWelcomeNode);
            print("  welcome node starts -> heard", welcomeNodeToEar);
            print("  greet node starts -> on the wire", greetNodeToWire);
            print("  greet node starts -> heard", greetNodeToEar);
            if (rig.dialerMedia instanceof org.opendialer.media.session.MediaServerImpl m) {
                var late = m.lateness();
                System.out.printf("  dialer media: frame lateness p99 %.1f ms, max %.1f ms, %d ticks skipped; %d binds"
                        + " refused (ports held by another process)%n", late.quantileMs(0.99), late.maxMs(),
                        late.skippedTicks(), m.refusedPortBinds());
            }
            for (Caller caller : callers) {
                caller.session.hangup(Q850.NORMAL_CLEARING);
            }
            for (Caller caller : callers) {
                caller.session.ended().get(30, TimeUnit.SECONDS);
            }
            assertThat(incomplete).isZero();
            assertThat(rig.queue.requests).hasSize(c);
        }
    }

    /** One call first so the prompts are rendered and cached, the JIT is warm and the OAuth token is held. */
    private static void warmUp(FlowRig rig, String did) throws Exception {
        for (String number : CALLERS) {
            Caller caller = rig.call(did, number);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (rig.queue.requests.size() < CALLERS.indexOf(number) + 1 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            caller.session.hangup(Q850.NORMAL_CLEARING).get(10, TimeUnit.SECONDS);
        }
    }

    /** How long {@code text} as played (FreeTTS through the prompt cache, like the server) is quiet before its voice. */
    static long leadingSilenceMs(String text) throws Exception {
        var cache = new org.opendialer.media.play.PromptCache(new org.opendialer.media.play.FreeTtsEngine(),
                Runnable::run, 10);
        int[] rms = Caller.frameRms(cache.tts(text, "kevin16").get(30, TimeUnit.SECONDS));
        for (int i = 0; i < rms.length; i++) {
            if (rms[i] > Caller.VOICED_RMS) {
                return i * 20L;
            }
        }
        return -1;
    }

    static void print(String what, List<Long> values) {
        List<Long> v = new ArrayList<>(values);
        Collections.sort(v);
        if (v.isEmpty()) {
            System.out.println(what + ": none");
            return;
        }
        System.out.printf("%-40s n=%d p50=%d p95=%d p99=%d max=%d%n", what, v.size(), pct(v, 50), pct(v, 95), pct(v, 99),
                v.getLast());
    }

    static long pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

}
