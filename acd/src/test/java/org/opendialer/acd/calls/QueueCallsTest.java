package org.opendialer.acd.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.acd.Acd;
import org.opendialer.acd.agents.AgentCredentials;
import org.opendialer.acd.routing.Agent;
import org.opendialer.acd.routing.AgentState;
import org.opendialer.acd.routing.Conflict;
import org.opendialer.acd.routing.Interaction;
import org.opendialer.acd.routing.Queue;
import org.opendialer.call.CallSession;
import org.opendialer.sip.Baresip;
import org.opendialer.sip.Q850;
import org.opendialer.sip.time.ExecutorScheduler;
import org.opendialer.sip.time.Scheduler;

/**
 * The ACD's call paths with real phones (baresip) and a real carrier: no answer, an unregistered phone, a refusing
 * phone, the caller abandoning while the phone rings, overflow to a flow, the agent's transfers to a queue and to a
 * number, two nodes, and the music on hold.
 */
class QueueCallsTest {

    static Queue.Settings settings(String name, int alertSeconds) {
        return Queue.Settings.named(CallRig.unique(name)).withTimers(0, alertSeconds, 60);
    }

    static QueueOutcome outcome(CallRig rig) throws Exception {
        CallRig.await("the call was queued", () -> !rig.outcomes.isEmpty());
        CompletableFuture<QueueOutcome> f = rig.outcomes.values().iterator().next();
        return f.get(20, TimeUnit.SECONDS);
    }

    @Test
    void anAgentWhoDoesNotAnswerIsNotRespondingAndTheNextAgentGetsTheCall() throws Exception {
        try (CallRig rig = new CallRig()) {
            Queue q = rig.acd.queues().create(settings("noanswer", 2));
            rig.request = QueueRequest.to(q.id().toString());
            try (CallRig.Staffed bo = rig.staffed(q, "bo", new Baresip.Options(false, 0, null));
                 CallRig.Staffed cy = rig.staffed(q, "cy", Baresip.Options.DEFAULT)) {
                rig.available(bo); // the longest idle: offered first
                rig.clock.advance(Duration.ofSeconds(1));
                rig.available(cy);
                CallSession customer = rig.customer("+14155550124", new CallRig.Ear());

                bo.awaitRinging();
                assertThat(rig.state(bo)).isEqualTo(AgentState.ALERTING);
                rig.clock.advance(Duration.ofSeconds(2)); // the alert's 2 s pass for the router at once
                CallRig.await("bo not responding after the 2 s alert", () -> rig.state(bo) == AgentState.NOT_RESPONDING);
                CallRig.awaitOr("cy answers", () -> rig.state(cy) == AgentState.ON_CALL, cy.phone()::log);
                // bo's ring was CANCELed before cy's phone was rung (not left to SIP's own 15 s ring timeout)
                assertThat(rig.sessions.active()).as("the customer's and cy's legs only").isEqualTo(2);
                QueueOutcome.Connected c = (QueueOutcome.Connected) outcome(rig);
                assertThat(c.agentId()).isEqualTo(cy.id());
                Interaction i = rig.acd.router().interaction(c.interactionId());
                assertThat(i.offerCount()).isEqualTo(2);
                assertThat(i.state()).isEqualTo("CONNECTED");
                // bo's ringing leg was cancelled when the alert ran out
                bo.awaitHungUp();
                customer.hangup(Q850.NORMAL_CLEARING).get(10, TimeUnit.SECONDS);
                CallRig.await("cy wraps up", () -> rig.state(cy) == AgentState.WRAP_UP);
            }
        }
    }

    @Test
    void anAgentWithoutARegisteredPhoneIsNotRespondingAtOnce() throws Exception {
        try (CallRig rig = new CallRig()) {
            Queue q = rig.acd.queues().create(settings("unregistered", 30));
            Agent dee = rig.agent(q, CallRig.unique("dee"), "dee-secret-1");
            rig.request = QueueRequest.to(q.settings().name());
            rig.customer("+14155550125", new CallRig.Ear());
            CallRig.await("the call waits", () -> !rig.outcomes.isEmpty());
            rig.available(dee);
            // well before the 30 s alert would run out
            CallRig.await("dee not responding", () -> rig.state(dee) == AgentState.NOT_RESPONDING);
            assertThat(rig.acd.agents().get(dee.id()).stateReason()).startsWith("phone:");
            assertThat(rig.acd.router().stats(q.id()).waiting()).isEqualTo(1);
        }
    }

    @Test
    void anAgentWhoRejectsTheCallIsNotRespondingAtOnceAndTheCallerWaitsOn() throws Exception {
        try (CallRig rig = new CallRig()) {
            Queue q = rig.acd.queues().create(settings("reject", 30));
            rig.request = QueueRequest.to(q.settings().name());
            try (CallRig.Staffed kim = rig.staffed(q, "kim", new Baresip.Options(false, 0, null))) {
                rig.available(kim);
                CallSession customer = rig.customer("+14155550135", new CallRig.Ear());
                kim.awaitRinging();
                kim.phone().command("/hangup"); // baresip refuses the ringing call
                // well before the 30 s alert would run out
                CallRig.awaitOr("kim not responding", () -> rig.state(kim) == AgentState.NOT_RESPONDING, kim.phone()::log);
                assertThat(rig.acd.agents().get(kim.id()).stateReason()).startsWith("phone:");
                assertThat(rig.acd.router().stats(q.id()).waiting()).isEqualTo(1);
                assertThat(customer.ended()).isNotDone();
            }
        }
    }

    @Test
    void aCallerWhoHangsUpWhileThePhoneRingsIsAbandonedAndTheRingingCancelled() throws Exception {
        try (CallRig rig = new CallRig()) {
            Queue q = rig.acd.queues().create(settings("abandon", 30));
            rig.request = QueueRequest.to(q.settings().name());
            try (CallRig.Staffed eve = rig.staffed(q, "eve", new Baresip.Options(false, 0, null))) {
                rig.available(eve);
                CallSession customer = rig.customer("+14155550126", new CallRig.Ear());
                eve.awaitRinging();
                UUID interaction = rig.acd.agents().get(eve.id()).interactionId();

                customer.hangup(Q850.NORMAL_CLEARING).get(10, TimeUnit.SECONDS);
                assertThat(outcome(rig)).isEqualTo(new QueueOutcome.Failed("caller hung up"));
                CallRig.await("eve available again", () -> rig.state(eve) == AgentState.AVAILABLE);
                assertThat(rig.acd.router().interaction(interaction).state()).isEqualTo("ABANDONED");
                assertThat(rig.acd.router().stats(q.id()).abandoned()).isEqualTo(1);
                eve.awaitHungUp(); // its ringing CANCELed
                CallRig.await("no session left on the dialer", () -> rig.sessions.active() == 0);
            }
        }
    }

    @Test
    void aQueueTimeoutOrNobodyWithTheSkillsOverflowsToTheQueuesFlow() throws Exception {
        try (CallRig rig = new CallRig()) {
            Queue q = rig.acd.queues().create(settings("overflow", 5).withTimeout(1, null, "voicemail"));
            rig.request = QueueRequest.to(q.settings().name());
            rig.customer("+14155550127", new CallRig.Ear());
            assertThat(outcome(rig)).isEqualTo(new QueueOutcome.OverflowToFlow("voicemail"));

            // a member exists, but without the skill: no wait for the (long) timeout
            String skill = CallRig.unique("korean");
            rig.acd.skills().create(skill);
            Queue longer = rig.acd.queues().create(settings("skills", 5).withTimeout(3600, null, "callback"));
            rig.agent(longer, CallRig.unique("fay"), "fay-secret-1");
            rig.outcomes.clear();
            rig.request = new QueueRequest(longer.id().toString(), List.of(skill), null, "en", Map.of());
            rig.customer("+14155550128", new CallRig.Ear());
            assertThat(outcome(rig)).isEqualTo(new QueueOutcome.OverflowToFlow("callback"));

            rig.outcomes.clear();
            rig.request = new QueueRequest(longer.id().toString(), List.of("no-such-skill"), null, "en", Map.of());
            rig.customer("+14155550129", new CallRig.Ear());
            assertThat(outcome(rig)).isEqualTo(new QueueOutcome.Failed("skills: no skill named 'no-such-skill'"));
        }
    }

    @Test
    void theAgentTransfersTheCallerToAnotherQueueWhereItsAgentAnswers() throws Exception {
        try (CallRig rig = new CallRig()) {
            Queue first = rig.acd.queues().create(settings("tier1", 10));
            Queue second = rig.acd.queues().create(settings("tier2", 10));
            rig.request = QueueRequest.to(first.settings().name());
            try (CallRig.Staffed gil = rig.staffed(first, "gil", new Baresip.Options(true, 1100, null));
                 CallRig.Staffed hal = rig.staffed(second, "hal", new Baresip.Options(true, 1700, null))) {
                rig.available(gil);
                rig.available(hal);
                CallRig.Ear ear = new CallRig.Ear(1100, 1700);
                CallSession customer = rig.customer("+14155550130", ear);
                CallRig.awaitOr("gil on the call", () -> rig.state(gil) == AgentState.ON_CALL, gil.phone()::log);
                CallRig.await("the customer hears gil", () -> ear.heard(1100) >= 25);
                UUID interaction = rig.acd.agents().get(gil.id()).interactionId();

                rig.queueCalls.transferToQueue(gil.id(), second.id());
                CallRig.awaitOr("hal on the call", () -> rig.state(hal) == AgentState.ON_CALL, hal.phone()::log);
                assertThat(rig.state(gil)).isEqualTo(AgentState.WRAP_UP);
                assertThat(customer.ended()).isNotDone();
                Interaction i = rig.acd.router().interaction(interaction);
                assertThat(i.queueId()).isEqualTo(second.id());
                assertThat(i.agentId()).isEqualTo(hal.id());
                CallRig.await("the customer hears hal", () -> ear.heard(1700) >= 25);
                gil.awaitHungUp();

                rig.queueCalls.hangup(hal.id());
                CallRig.await("hal wraps up", () -> rig.state(hal) == AgentState.WRAP_UP);
                customer.ended().get(10, TimeUnit.SECONDS);
                assertThat(Set.of(rig.acd.router().interaction(interaction).state())).containsExactly("ENDED");
            }
        }
    }

    @Test
    void aCallerTheAgentSendsBackToAQueueThatOverflowsIsHandedToTheOverflowFlowOnTheSameCall() throws Exception {
        try (CallRig rig = new CallRig()) {
            Queue front = rig.acd.queues().create(settings("front", 10));
            // nobody is a member: a caller sent here waits until the timeout hands it to the flow
            Queue closed = rig.acd.queues().create(settings("closed", 10).withTimeout(1, null, "after-hours"));
            rig.request = QueueRequest.to(front.settings().name());
            CompletableFuture<String> handedOver = new CompletableFuture<>();
            rig.queueCalls.useOverflowFlows((caller, flowId) -> {
                handedOver.complete(flowId);
                return new CompletableFuture<>(); // the flow keeps the call
            });
            try (CallRig.Staffed iva = rig.staffed(front, "iva", Baresip.Options.DEFAULT)) {
                rig.available(iva);
                CallSession customer = rig.customer("+14155550140", new CallRig.Ear());
                CallRig.awaitOr("iva on the call", () -> rig.state(iva) == AgentState.ON_CALL, iva.phone()::log);
                assertThat(outcome(rig)).isInstanceOf(QueueOutcome.Connected.class); // taken by whoever queued it
                UUID interaction = rig.acd.agents().get(iva.id()).interactionId();

                rig.queueCalls.transferToQueue(iva.id(), closed.id());
                CallRig.await("iva wraps up", () -> rig.state(iva) == AgentState.WRAP_UP);
                rig.clock.advance(Duration.ofSeconds(1)); // the closed queue's timeout passes for the router at once
                assertThat(handedOver.get(20, TimeUnit.SECONDS)).isEqualTo("after-hours");
                assertThat(rig.acd.router().interaction(interaction).state()).isEqualTo("OVERFLOWED");
                assertThat(customer.ended()).as("the flow has the call, not a hang-up").isNotDone();
                iva.awaitHungUp();
            }
        }
    }

    @Test
    void theAgentTransfersTheCallerToANumberAndWrapsUpOnceItAnswers() throws Exception {
        try (CallRig rig = new CallRig()) {
            Queue q = rig.acd.queues().create(settings("blind", 10));
            rig.request = QueueRequest.to(q.settings().name());
            try (CallRig.Staffed ivy = rig.staffed(q, "ivy", new Baresip.Options(true, 1100, null))) {
                rig.available(ivy);
                CallRig.Ear ear = new CallRig.Ear(1100, CallRig.OUTSIDE_HZ);
                CallSession customer = rig.customer("+14155550131", ear);
                CallRig.awaitOr("ivy on the call", () -> rig.state(ivy) == AgentState.ON_CALL, ivy.phone()::log);
                UUID interaction = rig.acd.agents().get(ivy.id()).interactionId();
                assertThatThrownBy(() -> rig.queueCalls.transferToNumber(ivy.id(), "0800 not a number"))
                        .isInstanceOf(IllegalArgumentException.class);

                rig.queueCalls.transferToNumber(ivy.id(), "+14155550199");
                CallRig.await("the customer hears the outside number", () -> ear.heard(CallRig.OUTSIDE_HZ) >= 25);
                CallRig.await("ivy wraps up", () -> rig.state(ivy) == AgentState.WRAP_UP);
                ivy.awaitHungUp();
                assertThat(rig.acd.router().interaction(interaction).state()).isEqualTo("ENDED");
                assertThat(customer.ended()).isNotDone();
                customer.hangup(Q850.NORMAL_CLEARING).get(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void anotherNodesTickMakesTheOfferAndItsDesktopRequestIsCarriedOutByTheNodeHoldingTheCall() throws Exception {
        try (CallRig rig = new CallRig()) {
            rig.acd.close(); // this node's router stops ticking: node B's makes every offer
            try (Acd routerB = Acd.start(rig.db, rig.clock, new AgentCredentials(rig.db, CallRig.REALM), Duration.ofMillis(200));
                 ExecutorScheduler timersB = Scheduler.system("acd-calls-poll-b");
                 QueueCalls nodeB = QueueCalls.start(rig.db, rig.clock, timersB, rig.sessions, routerB.router(), "node-b-" + UUID.randomUUID(),
                         Duration.ofMillis(100), Duration.ofSeconds(30))) {
                Queue q = rig.acd.queues().create(settings("twonodes", 10));
                rig.request = QueueRequest.to(q.settings().name());
                try (CallRig.Staffed jo = rig.staffed(q, "jo", Baresip.Options.DEFAULT)) {
                    rig.available(jo);
                    CallSession customer = rig.customer("+14155550132", new CallRig.Ear());
                    CallRig.awaitOr("jo on the call", () -> rig.state(jo) == AgentState.ON_CALL, jo.phone()::log);

                    nodeB.hangup(jo.id()); // the desktop's request reaches node B, which does not hold the call
                    customer.ended().get(10, TimeUnit.SECONDS);
                    CallRig.await("jo wraps up", () -> rig.state(jo) == AgentState.WRAP_UP);
                    assertThatThrownBy(() -> nodeB.hangup(jo.id())).isInstanceOf(Conflict.class);
                }
            }
        }
    }

    @Test
    void aQueuesWavFileIsTheMusicAndAnUnreadableOneFallsBackToGeneratedMusic(@TempDir Path dir) throws Exception {
        Path wav = dir.resolve("music.wav");
        byte[] pcm = new byte[16000];
        for (int i = 0; i < 8000; i++) { // one second of 440 Hz, 8 kHz 16-bit mono
            short v = (short) (6000 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), new AudioFormat(8000, 16, 1, true, false), 8000),
                AudioFileFormat.Type.WAVE, wav.toFile());
        Path broken = Files.writeString(dir.resolve("broken.wav"), "not a wave file");
        try (CallRig rig = new CallRig()) {
            Queue q = rig.acd.queues().create(withMusic(settings("music", 5), wav));
            rig.request = QueueRequest.to(q.settings().name());
            CallRig.Ear ear = new CallRig.Ear(440);
            rig.customer("+14155550133", ear);
            CallRig.await("the file's 440 Hz, repeated", () -> ear.heard(440) >= 75);
            assertThat(ear.music.get()).isZero();

            Queue other = rig.acd.queues().create(withMusic(settings("broken", 5), broken));
            rig.request = QueueRequest.to(other.settings().name());
            CallRig.Ear second = new CallRig.Ear(440);
            rig.customer("+14155550134", second);
            CallRig.await("generated music instead", () -> second.music.get() >= 50);
        }
    }

    static Queue.Settings withMusic(Queue.Settings s, Path file) {
        return new Queue.Settings(s.name(), null, 0, s.alertingTimeoutSeconds(), 60, null, null, null, null, null,
                file.toString(), false, false, 30);
    }
}
