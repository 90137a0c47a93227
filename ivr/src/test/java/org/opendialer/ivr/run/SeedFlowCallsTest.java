package org.opendialer.ivr.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendialer.ivr.flow.FlowVersion;
import org.opendialer.ivr.run.FlowExecutions.Execution;
import org.opendialer.ivr.run.FlowExecutions.Step;
import org.opendialer.media.play.FreeTtsEngine;
import org.opendialer.sip.Q850;
import org.opendialer.store.testing.Await;

/**
 * The seed's CRM-collaboration flow ({@code conf/flows/crm-inbound.yaml}) run on real calls: a carrier calls the
 * DID over loopback SIP and RTP, the flow looks the caller up on the CRM stand-in over HTTP, and what the caller
 * hears, what the ACD is handed and what the trace says are checked.
 */
class SeedFlowCallsTest {

    static final Path SEED = Path.of("..", "conf", "flows", "crm-inbound.yaml");

    final FlowRig rig;
    final FlowVersion seed;
    final String did;

    SeedFlowCallsTest() throws Exception {
        rig = new FlowRig();
        seed = rig.publish(Files.readString(SEED));
        did = rig.route(seed.flowId());
    }

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void anIdentifiedCallerIsGreetedByNameAndQueuedWithSkillsFromTheCrm() throws Exception {
        Caller caller = rig.call(did, "+15551230001");
        Await.until("the flow hands the call to a queue", () -> !rig.queue.requests.isEmpty());
        QueueTransfer.Request r = rig.queue.requests.getFirst();
        assertThat(r.queue()).isEqualTo("premium-support");
        assertThat(r.skills()).containsExactly("english", "product-fiber", "premium-support");
        assertThat(r.priority()).isEqualTo(10);
        assertThat(r.language()).isEqualTo("en");
        assertThat(r.participantData()).containsEntry("crmRecordId", "003A000001").containsEntry("tier", "platinum")
                .containsEntry("product", "fiber").containsEntry("name", "Jane Doe").hasEntrySatisfying("recordUrl", u -> assertThat(u).contains("003A000001"));

        // what the caller was sent over RTP is the greeting, as long as the greeting's own rendering. Counted on the
        // wire, packet by packet: a media loop starved for over 100 ms skips ticks, which the caller hears as a
        // concealed gap, so the length it plays out depends on the machine's load (notes/flakes.md)
        String greeting = "Hello Jane, thank you for calling.";
        int[] rendered = Caller.frameRms(new FreeTtsEngine().render(greeting, "kevin16"));
        int expected = Caller.span(rendered);
        caller.awaitQuietOnTheWire(Caller.longestPause(rendered) + 1, 10); // the greeting has ended on the wire
        assertThat(caller.wire.voicedSpan()).as("voiced 20 ms packets received vs the prompt's %d frames", expected)
                .isBetween(expected - 8, expected + 8);

        Execution e = rig.ended(rig.queue.callIds.getFirst());
        assertThat(rig.executions.byCallId(e.callId())).hasSize(1);
        assertThat(e.outcome()).isEqualTo(ExecutionOutcome.QUEUED);
        assertThat(e.flowVersionId()).isEqualTo(seed.id());
        assertThat(e.did()).isEqualTo(did);
        assertThat(e.caller()).isEqualTo("+15551230001");
        assertThat(e.participantData()).containsEntry("crmRecordId", "003A000001");
        assertThat(e.variables()).containsEntry("customerName", "Jane").containsEntry("priorityAccount", true);
        assertThat(e.steps()).extracting(Step::nodeId).containsExactly("lookupByPhone", "greet", "attachRecord",
                "chooseRoute", "premiumSkills", "premiumPriority", "premiumQueue");
        assertThat(e.steps()).extracting(Step::outcome).containsExactly("success", "next", "next", "branch:0", "next",
                "next", "queued");
        assertThat(e.steps().get(1).detail()).isEqualTo(greeting);
        assertThat(caller.session.ended()).as("the ACD owns the call now; the flow did not hang up").isNotDone();
        caller.session.hangup(Q850.NORMAL_CLEARING).get(10, TimeUnit.SECONDS);
    }

    @Test
    void anUnknownCallerEntersAnAccountNumberByDtmfAndIsLookedUpAgain() throws Exception {
        Caller caller = rig.call(did, "+15550009999");
        caller.awaitVoice(25, 15); // "Welcome. Please enter your account number ..."
        caller.press("100200300#");
        Await.until("the flow hands the call to a queue", () -> !rig.queue.requests.isEmpty());
        QueueTransfer.Request r = rig.queue.requests.getFirst();
        assertThat(r.queue()).isEqualTo("support");
        assertThat(r.skills()).containsExactly("english", "product-mobile", "account-retention");
        assertThat(r.priority()).isEqualTo(5);
        assertThat(r.participantData()).containsEntry("crmRecordId", "003A000003").containsEntry("tier", "gold");

        Execution e = rig.ended(rig.queue.callIds.getFirst());
        assertThat(e.steps()).extracting(s -> s.nodeId() + " " + s.outcome()).containsExactly("lookupByPhone notFound",
                "askAccount next", "lookupByAccount success", "greet next", "attachRecord next", "chooseRoute branch:1",
                "retentionSkills next", "retentionPriority next", "supportQueue queued");
        assertThat(e.variables()).containsEntry("accountNumber", "100200300").containsEntry("customerName", "Ada");
        assertThat(e.steps().get(3).detail()).isEqualTo("Hello Ada, thank you for calling.");
        caller.session.hangup(Q850.NORMAL_CLEARING).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aCrmThatDoesNotAnswerSendsTheCallerDownTheFallbackWithinTheBudget() throws Exception {
        rig.crm.slow();
        try {
            Caller caller = rig.call(did, "+15551230001");
            Await.until("the flow hands the call to a queue", () -> !rig.queue.requests.isEmpty());
            QueueTransfer.Request r = rig.queue.requests.getFirst();
            assertThat(r.queue()).isEqualTo("support");
            assertThat(r.skills()).containsExactly("english");
            assertThat(r.participantData()).isEmpty();

            Execution e = rig.ended(rig.queue.callIds.getFirst());
            Step lookup = e.steps().getFirst();
            assertThat(lookup.nodeId()).isEqualTo("lookupByPhone");
            assertThat(lookup.outcome()).isEqualTo("failure");
            assertThat(lookup.detail()).startsWith("timeout");
            // the node's budget is 1500 ms: the caller waits that long, not the CRM's 30 s
            assertThat(lookup.tookMillis()).isBetween(1400L, 1500L + 1000L);
            assertThat(e.steps()).extracting(Step::nodeId).containsExactly("lookupByPhone", "genericWelcome",
                    "genericSkills", "supportQueue");
            assertThat(caller.voicedFrames()).as("the generic welcome was heard").isGreaterThan(50);
            caller.session.hangup(Q850.NORMAL_CLEARING).get(10, TimeUnit.SECONDS);
        } finally {
            rig.crm.release();
        }
    }
}
