package org.opendialer.ivr.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendialer.call.CallSession;
import org.opendialer.call.SessionEvent;
import org.opendialer.contacts.consent.ConsentSource;
import org.opendialer.contacts.consent.ContactChannel;
import org.opendialer.ivr.flow.FlowVersion;
import org.opendialer.ivr.run.FlowExecutions.Execution;
import org.opendialer.ivr.run.FlowExecutions.Step;
import org.opendialer.media.Playable;
import org.opendialer.media.play.WavFile;
import org.opendialer.sip.Q850;
import org.opendialer.store.testing.Await;

/** Flows on real loopback calls: hang-ups, version pinning, DID routing, overflow, errors and the other node types. */
class FlowCallsTest {

    static final String MENU = """
            name: pinned
            language: en
            start: menu
            nodes:
              menu:
                type: menu
                prompt: "Welcome to the test line. Press 1 for sales."
                choices: { "1": mark }
                timeoutMs: 20000
                retries: 0
                noInput: bye
                invalid: bye
              mark: { type: setData, values: { version: "one" }, next: queue }
              queue: { type: transferToQueue, queue: q-one, failure: bye }
              bye: { type: hangup }
            """;

    final FlowRig rig;

    FlowCallsTest() throws Exception {
        rig = new FlowRig();
    }

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void aCallerHangingUpMidMenuEndsTheTraceCallerHungUp() throws Exception {
        FlowVersion v = rig.publish(MENU);
        Caller caller = rig.call(rig.route(v.flowId()), "+15551230009");
        caller.awaitVoice(10, 15);
        caller.session.hangup(Q850.NORMAL_CLEARING).get(10, TimeUnit.SECONDS);

        Execution e = rig.ended(caller.session.callId());
        assertThat(e.outcome()).isEqualTo(ExecutionOutcome.CALLER_HUNG_UP);
        assertThat(e.ended()).isNotNull();
        assertThat(e.steps()).extracting(s -> s.nodeId() + " " + s.outcome()).containsExactly("menu callerHungUp");
        assertThat(rig.queue.requests).isEmpty();
    }

    @Test
    void aKeyPressedDuringAGreetingIsTheNextMenusChoice() throws Exception {
        // the greeting has no barge-in and no collection runs while it plays: the key waits as type-ahead
        FlowVersion v = rig.publish("""
                name: typeahead
                language: en
                start: greeting
                nodes:
                  greeting:
                    type: say
                    text: "Thank you for calling the test line. Calls are recorded for quality and for training."
                    next: menu
                  menu:
                    type: menu
                    prompt: "Press 1 for sales."
                    choices: { "1": queue }
                    timeoutMs: 8000
                    retries: 0
                    noInput: bye
                    invalid: bye
                  queue: { type: transferToQueue, queue: q-one, failure: bye }
                  bye: { type: hangup }
                """);
        Caller caller = rig.call(rig.route(v.flowId()), "+15551230009");
        caller.awaitVoice(10, 15);
        caller.press("1");

        Execution e = rig.ended(caller.session.callId());
        assertThat(e.steps()).extracting(s -> s.nodeId() + " " + s.outcome()).containsExactly("greeting next",
                "menu choice:1", "queue queued");
        assertThat(e.outcome()).isEqualTo(ExecutionOutcome.QUEUED);
        caller.session.hangup(Q850.NORMAL_CLEARING).get(10, TimeUnit.SECONDS);
    }

    @Test
    void publishingANewVersionDuringACallDoesNotChangeThatCall() throws Exception {
        FlowVersion v1 = rig.publish(MENU);
        String did = rig.route(v1.flowId());
        Caller first = rig.call(did, "+15551230009");
        first.awaitVoice(10, 15); // in the menu of version 1
        String draft = rig.flows.get(v1.flowId()).orElseThrow().draft();
        rig.flows.updateDraft(v1.flowId(), draft.replace("\"one\"", "\"two\"").replace("q-one", "q-two"), null);
        FlowVersion v2 = rig.flows.publish(v1.flowId());
        assertThat(v2.number()).isEqualTo(2);
        first.press("1");

        Execution e1 = rig.ended(first.session.callId());
        assertThat(e1.flowVersionId()).isEqualTo(v1.id());
        assertThat(e1.participantData()).containsEntry("version", "one");
        assertThat(rig.queue.requests.getFirst().queue()).isEqualTo("q-one");

        Caller second = rig.call(did, "+15551230009");
        second.awaitVoice(10, 15);
        second.press("1");
        Execution e2 = rig.ended(second.session.callId());
        assertThat(e2.flowVersionId()).isEqualTo(v2.id());
        assertThat(rig.queue.requests.get(1).queue()).isEqualTo("q-two");
        assertThat(rig.queue.requests.get(1).participantData()).containsEntry("version", "two");
        first.session.hangup(Q850.NORMAL_CLEARING).get(10, TimeUnit.SECONDS);
        second.session.hangup(Q850.NORMAL_CLEARING).get(10, TimeUnit.SECONDS);
    }

    @Test
    void anUnroutedDidIsRefusedAndARouteAddedLaterTakesEffectWithoutARestart() throws Exception {
        String did = FlowRig.newDid();
        Caller refused = rig.call(did, "+15551230009");
        SessionEvent.Ended end = refused.ended(15);
        assertThat(end.answered()).isFalse();
        assertThat(end.sipStatus()).as("Q.850 1, unallocated number").isEqualTo(404);

        FlowVersion v = rig.publish(MENU);
        rig.dids.put(did, v.flowId());
        Caller taken = rig.call(did, "+15551230009");
        taken.awaitVoice(10, 15);
        taken.press("1");
        assertThat(rig.ended(taken.session.callId()).outcome()).isEqualTo(ExecutionOutcome.QUEUED);
        taken.session.hangup(Q850.NORMAL_CLEARING).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aQueueThatOverflowsToAFlowRunsThatFlowNextOnTheSameCall() throws Exception {
        FlowVersion first = rig.publish(MENU);
        FlowVersion overflow = rig.publish("""
                name: overflow
                language: en
                start: sorry
                nodes:
                  sorry: { type: say, text: "Everyone is busy. Goodbye.", next: bye }
                  bye: { type: hangup }
                """);
        rig.queue.answer = r -> new QueueTransfer.Result.OverflowToFlow(overflow.flowId().toString());
        Caller caller = rig.call(rig.route(first.flowId()), "+15551230009");
        caller.awaitVoice(10, 15);
        caller.press("1");
        SessionEvent.Ended end = caller.ended(20);
        assertThat(end.side()).isEqualTo(org.opendialer.sip.HangupSide.REMOTE);

        rig.ended(caller.session.callId()); // the trace is written a little behind the call
        List<Execution> trace = rig.executions.byCallId(caller.session.callId());
        assertThat(trace).extracting(Execution::outcome).containsExactly(ExecutionOutcome.OVERFLOWED, ExecutionOutcome.HUNG_UP);
        assertThat(trace.get(1).flowVersionId()).isEqualTo(overflow.id());
        assertThat(trace.get(1).previousId()).isEqualTo(trace.get(0).id());
        assertThat(trace.get(1).participantData()).as("carried over").containsEntry("version", "one");
        assertThat(trace.get(1).steps()).extracting(Step::nodeId).containsExactly("sorry", "bye");
    }

    @Test
    void aNodeThatFailsIsTracedAndTheCallIsHungUpWithACause() throws Exception {
        FlowVersion v = rig.publish("""
                name: broken
                language: en
                start: check
                nodes:
                  check:
                    type: decision
                    branches:
                      - { if: 'direction / 2 > 1', then: bye }
                    else: bye
                  bye: { type: hangup }
                """);
        Caller caller = rig.call(rig.route(v.flowId()), "+15551230009");
        SessionEvent.Ended end = caller.ended(15);
        assertThat(end.side()).isEqualTo(org.opendialer.sip.HangupSide.REMOTE);
        Execution e = rig.ended(caller.session.callId());
        assertThat(e.outcome()).isEqualTo(ExecutionOutcome.ERROR);
        assertThat(e.detail()).startsWith("check: ");
        assertThat(e.steps()).extracting(s -> s.nodeId() + " " + s.outcome()).containsExactly("check error");
    }

    @Test
    void aDataActionThisServerDoesNotHaveTakesItsFailureBranch() throws Exception {
        FlowVersion v = rig.publish("""
                name: unconfigured
                language: en
                start: lookup
                nodes:
                  lookup:
                    type: dataAction
                    action: nowhere.lookup
                    inputs: { phone: "{{callerNumber}}" }
                    success: bye
                    failure: sorry
                  sorry: { type: say, text: "Sorry.", next: bye }
                  bye: { type: hangup }
                """);
        Caller caller = rig.call(rig.route(v.flowId()), "+15551230009");
        caller.ended(15);
        Execution e = rig.ended(caller.session.callId());
        assertThat(e.outcome()).isEqualTo(ExecutionOutcome.HUNG_UP);
        assertThat(e.steps()).extracting(s -> s.nodeId() + " " + s.outcome()).containsExactly("lookup failure",
                "sorry next", "bye hangup");
        assertThat(e.steps().getFirst().detail()).contains("nowhere.lookup");
    }

    @Test
    void playOptOutRecordAndTransferToANumberOnOneCall() throws Exception {
        Path beep = rig.dir.resolve("prompts").resolve("beep.wav");
        writeWav(beep, tone(440, 8000));
        CompletableFuture<CallSession> target = new CompletableFuture<>();
        rig.carrier.route("*", s -> {
            target.complete(s);
            s.answer();
        });
        FlowVersion v = rig.publish("""
                name: nodes
                language: en
                start: play
                nodes:
                  play: { type: play, prompt: beep.wav, next: optOut }
                  optOut: { type: optOut, next: record }
                  record: { type: record, maxSeconds: 2, variable: message, next: transfer }
                  transfer: { type: transferToNumber, number: "+15557654321", failure: bye }
                  bye: { type: hangup }
                """);
        Caller caller = rig.call(rig.route(v.flowId()), "+15551230007");
        caller.session.answered().get(10, TimeUnit.SECONDS);
        caller.session.play(Playable.Tone.single(700, Duration.ofSeconds(30))); // what the recording hears

        CallSession transferred = target.get(20, TimeUnit.SECONDS);
        assertThat(transferred.inbound().orElseThrow().did()).isEqualTo("+15557654321");
        Execution e = rig.ended(caller.session.callId());
        assertThat(e.outcome()).isEqualTo(ExecutionOutcome.TRANSFERRED);
        assertThat(e.steps()).extracting(s -> s.nodeId() + " " + s.outcome()).containsExactly("play next",
                "optOut next", "record next", "transfer transferred");
        assertThat(rig.consent.find(ContactChannel.PHONE, "+15551230007")).hasValueSatisfying(c ->
                assertThat(c.source()).isEqualTo(ConsentSource.IVR_OPTOUT));
        Path message = Path.of((String) e.variables().get("message"));
        assertThat(message).startsWith(rig.dir.resolve("recordings"));
        short[] recorded = WavFile.read(message);
        assertThat(recorded.length).as("2 s of the caller's audio").isBetween(15_000, 17_000);
        assertThat(Caller.span(Caller.frameRms(recorded))).as("the caller's tone is in it").isGreaterThan(50);
        assertThat(caller.voicedFrames()).as("the prompt file was heard").isGreaterThan(40);
        caller.session.hangup(Q850.NORMAL_CLEARING).get(10, TimeUnit.SECONDS);
        assertThat(transferred.ended().get(10, TimeUnit.SECONDS)).as("bridged: the caller's hang-up ends it").isNotNull();
    }

    @Test
    void anOutboundCallsLiveAnswerRunsTheOutboundSampleAndItsOptOutBlocksTheCalledNumber() throws Exception {
        FlowVersion v = rig.publish(Files.readString(Path.of("..", "conf", "flows", "outbound-notice.yaml")));
        CompletableFuture<Caller> customer = new CompletableFuture<>();
        rig.carrier.route("*", s -> {
            Caller c = new Caller();
            s.subscribe(c.listener);
            c.attach(s);
            customer.complete(c);
            s.answer();
        });
        CallSession call = rig.dialer.originate(org.opendialer.call.OriginateSpec.toNumber("+15557650009").withTrunkGroup("c"));
        call.answered().get(15, TimeUnit.SECONDS);
        CompletableFuture<ExecutionOutcome> outcome = rig.executor.start(call, v, Map.of("firstName", "Jane",
                "companyName", "Acme", "calledNumber", "+15557650009", "callerNumber", "+15550001111"));
        Caller c = customer.get(10, TimeUnit.SECONDS);
        c.awaitVoice(25, 15);
        c.press("9");
        assertThat(outcome.get(30, TimeUnit.SECONDS)).isEqualTo(ExecutionOutcome.HUNG_UP);

        Execution e = rig.ended(call.callId());
        assertThat(e.variables()).containsEntry("direction", "outbound").containsEntry("key", "9")
                .containsEntry("firstName", "Jane");
        assertThat(e.steps()).extracting(s -> s.nodeId() + " " + s.outcome()).containsExactly("message choice:9",
                "optOut next", "optedOut next", "hangup hangup");
        assertThat(e.steps().get(1).detail()).isEqualTo("+15557650009");
        assertThat(rig.consent.find(ContactChannel.PHONE, "+15557650009")).isPresent();
        assertThat(c.ended(10).side()).isEqualTo(org.opendialer.sip.HangupSide.REMOTE);
    }

    static short[] tone(double hz, int samples) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) (6000 * Math.sin(2 * Math.PI * hz * i / 8000));
        }
        return pcm;
    }

    static void writeWav(Path path, short[] pcm) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : pcm) {
            b.putShort(s);
        }
        AudioFormat format = new AudioFormat(8000, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(b.array()), format, pcm.length)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, path.toFile());
        }
        assertThat(Files.size(path)).isGreaterThan(pcm.length * 2L);
    }

}
