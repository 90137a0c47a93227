package org.opendialer.acd.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.acd.routing.AgentState;
import org.opendialer.acd.routing.Queue;
import org.opendialer.call.CallSession;
import org.opendialer.sip.Baresip;
import org.opendialer.sip.Q850;

/**
 * A customer (the carrier's call) is queued on the dialer, hears hold music and its position announced, then a real
 * registered baresip agent phone rings, answers, and each end hears the other's tone through the bridge; the
 * customer hangs up and the agent wraps up.
 */
class AgentCallTest {

    static final int AGENT_HZ = 1300;

    @Test
    void aQueuedCallerHearsAnnouncementsThenTheAgentsPhoneAnswersAndBothHearEachOther(@TempDir Path dump) throws Exception {
        try (CallRig rig = new CallRig()) {
            Queue q = rig.acd.queues().create(new Queue.Settings(CallRig.unique("support"), null, 0, 10, 60, null,
                    null, null, null, null, null, true, false, 1));
            rig.request = new QueueRequest(q.settings().name(), List.of(), null, "en", Map.of("crmId", "0017"));
            try (CallRig.Staffed ana = rig.staffed(q, "ana", new Baresip.Options(true, AGENT_HZ, dump))) {
                Baresip phone = ana.phone();
                CallRig.Ear ear = new CallRig.Ear(AGENT_HZ, CallRig.CUSTOMER_HZ);
                CallSession customer = rig.customer("+14155550123", ear);
                customer.answered().get(10, TimeUnit.SECONDS);

                // nobody available: music and the position announcement (every second) reach the caller as RTP
                CallRig.await("hold music heard", () -> ear.music.get() >= 50);
                CallRig.await("an announcement heard", () -> ear.speech.get() >= 25);
                // the announcement (~2 s) is longer than the queue's 1 s interval: the music still comes back
                int musicBefore = ear.music.get();
                CallRig.await("music again after an announcement", () -> ear.music.get() >= musicBefore + 25);
                assertThat(ear.heard(AGENT_HZ)).isZero();

                rig.available(ana);
                CallRig.awaitOr("agent on the call", () -> rig.state(ana) == AgentState.ON_CALL, phone::log);
                CallRig.await("the customer hears the agent's " + AGENT_HZ + " Hz", () -> ear.heard(AGENT_HZ) >= 25);
                QueueOutcome outcome = rig.outcomes.values().iterator().next().get(10, TimeUnit.SECONDS);
                assertThat(outcome).isInstanceOf(QueueOutcome.Connected.class);
                QueueOutcome.Connected connected = (QueueOutcome.Connected) outcome;
                assertThat(connected.agentId()).isEqualTo(ana.id());
                assertThat(phone.log()).as("caller ID on the agent's phone").contains("from sip:+14155550123@");
                // the phone's dump fills while the customer's tone flows: 1.5 s more of the agent's heard here
                CallRig.await("1.5 s of the call both ways", () -> ear.heard(AGENT_HZ) >= 100);

                Map<String, Object> row = interaction(rig, connected);
                assertThat(row.get("state")).isEqualTo("CONNECTED");
                assertThat(row.get("customer_address")).isEqualTo("+14155550123");
                assertThat(row.get("dialed_address")).isEqualTo("+15550001000");
                assertThat(row.get("call_id")).isNotNull();
                assertThat(row.get("connected_at")).isNotNull();
                assertThat((String) row.get("participant_data")).contains("\"crmId\"").contains("0017");

                customer.hangup(Q850.NORMAL_CLEARING).get(10, TimeUnit.SECONDS);
                CallRig.await("agent wraps up", () -> rig.state(ana) == AgentState.WRAP_UP);
                CallRig.await("interaction ended", () -> "ENDED".equals(interaction(rig, connected).get("state")));
                CallRig.await("phone hung up", () -> phone.log().contains("session closed"));

                File[] heard = dump.toFile().listFiles((d, n) -> n.endsWith("-dec.wav"));
                assertThat(heard).as(phone.log()).isNotEmpty();
                assertThat(CallRig.framesOf(heard[0], CallRig.CUSTOMER_HZ)).as("frames of the customer's tone at the agent")
                        .isGreaterThanOrEqualTo(25);
            }
        }
    }

    static Map<String, Object> interaction(CallRig rig, QueueOutcome.Connected c) {
        try (var conn = rig.db.getConnection(); PreparedStatement s = conn.prepareStatement("""
                SELECT state, customer_address, dialed_address, call_id, connected_at, participant_data::text AS participant_data
                FROM routing_interaction WHERE id = ?""")) {
            s.setObject(1, c.interactionId());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                Map<String, Object> m = new java.util.HashMap<>();
                for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                    m.put(r.getMetaData().getColumnLabel(i), r.getObject(i));
                }
                return m;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
