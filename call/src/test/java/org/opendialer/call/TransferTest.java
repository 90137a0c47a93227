package org.opendialer.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opendialer.sip.HangupSide;
import org.opendialer.sip.Q850;
import org.opendialer.sip.Sipp;

/**
 * Transfers between sessions. The far ends are inbound sessions of a second server that answer; the agent's phone
 * is SIPp: its consultation call comes in with a known Call-ID, and its main call sends the REFER that names it in
 * Replaces (sip-stack's uas-answer-refer scenario, which also checks both NOTIFYs and our BYE).
 */
class TransferTest {

    @Test
    void attendedTransferJoinsTheCustomerToTheConsultedPartyAndReleasesTheAgent() throws Exception {
        try (Rig far = Rig.start(Rig.trunk("near", 5060, "n"));
             Sipp agentPhone = Sipp.uas("uas-answer-refer.xml", 1);
             Rig near = Rig.start(Rig.trunk("far", far.sip.port(), "f"), Rig.trunk("phone", agentPhone.port, "p"))) {
            far.sessions.route("*", CallSession::answer);
            CompletableFuture<CallSession> consultIn = new CompletableFuture<>();
            near.sessions.route("*", s -> s.answer().thenRun(() -> consultIn.complete(s)));
            // the agent consults B: their phone calls in (Call-ID as its REFER will name it), we bridge it to B
            try (Sipp consultation = Sipp.uac("uac-consult.xml", 1, "127.0.0.1:" + near.sip.port(), "-s",
                    "2015550177", "-cid_str", "held-1@phone+x")) {
                CallSession consult = consultIn.get(10, TimeUnit.SECONDS);
                assertThat(consult.callId()).isEqualTo("held-1@phone+x");
                CallSession b = near.sessions.originate(OriginateSpec.toNumber("+12015550002").withTrunkGroup("f"));
                b.answered().get(10, TimeUnit.SECONDS);
                consult.bridge(b).get(5, TimeUnit.SECONDS);
                // the customer, talking to the agent's main call, which sends the REFER with Replaces
                CallSession customer = near.sessions.originate(OriginateSpec.toNumber("+12015550001")
                        .withTrunkGroup("f"));
                customer.answered().get(10, TimeUnit.SECONDS);
                Recorder agentEvents = new Recorder();
                CallSession agent = near.sessions.originate(OriginateSpec.toNumber("+12015550100")
                        .withTrunkGroup("p"), agentEvents);
                agent.answered().get(10, TimeUnit.SECONDS);
                agent.bridge(customer).get(5, TimeUnit.SECONDS);

                SessionEvent.TransferRequested refer = agentEvents.await(SessionEvent.TransferRequested.class, 10);
                assertThat(refer.replaces().callId()).isEqualTo("held-1@phone+x");
                agent.attendedTransfer(refer).get(5, TimeUnit.SECONDS);

                assertThat(customer.partner()).containsSame(b);
                assertThat(b.partner()).containsSame(customer);
                assertThat(agent.ended().get(10, TimeUnit.SECONDS).side()).isEqualTo(HangupSide.LOCAL);
                assertThat(consult.ended().get(10, TimeUnit.SECONDS).side()).isEqualTo(HangupSide.LOCAL);
                assertThat(agentPhone.await(10)).as("REFER accepted, NOTIFY 100 and 200, BYE: "
                        + agentPhone.errors()).isZero();
                assertThat(consultation.await(10)).as(consultation.errors()).isZero();
                Thread.sleep(500);
                assertThat(customer.ended()).as("the agent's hang-up did not take the customer").isNotDone();
                assertThat(b.ended()).isNotDone();
                customer.hangup(Q850.NORMAL_CLEARING).get(10, TimeUnit.SECONDS);
                assertThat(b.ended().get(10, TimeUnit.SECONDS).side()).as("now tied to the customer")
                        .isEqualTo(HangupSide.LOCAL);
            }
        }
    }

    @Test
    void blindTransferMovesTheCallToTheTargetAndReleasesTheOldPartner() throws Exception {
        try (Rig far = Rig.start(Rig.trunk("near", 5060, "n"));
             Rig near = Rig.start(Rig.trunk("far", far.sip.port(), "f"))) {
            far.sessions.route("*", CallSession::answer);
            CallSession customer = near.sessions.originate(OriginateSpec.toNumber("+12015550001").withTrunkGroup("f"));
            CallSession agent = near.sessions.originate(OriginateSpec.toNumber("+12015550002").withTrunkGroup("f"));
            customer.answered().get(10, TimeUnit.SECONDS);
            agent.answered().get(10, TimeUnit.SECONDS);
            customer.bridge(agent).get(5, TimeUnit.SECONDS);
            Recorder customerEvents = new Recorder();
            customer.subscribe(customerEvents);

            CallSession target = customer.transfer(OriginateSpec.toNumber("+12015550003").withTrunkGroup("f"))
                    .get(15, TimeUnit.SECONDS);
            assertThat(agent.ended().get(10, TimeUnit.SECONDS).side()).isEqualTo(HangupSide.LOCAL);
            customerEvents.await(SessionEvent.Bridged.class, e -> e.otherCallId().equals(target.callId()), 5);
            assertThat(customer.partner()).containsSame(target);
            assertThat(customer.ended()).isNotDone();
            target.hangup(Q850.NORMAL_CLEARING).get(10, TimeUnit.SECONDS);
            assertThat(customer.ended().get(10, TimeUnit.SECONDS).side()).as("tied to the target")
                    .isEqualTo(HangupSide.LOCAL);
        }
    }
}
