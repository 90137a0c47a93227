package org.opendialer.acd.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.opendialer.acd.agents.AgentCredentials;
import org.opendialer.store.testing.ManualClock;
import org.opendialer.store.testing.TestDb;

/** Agents as users: SIP credentials through AgentCredentials, skills with proficiency, memberships, bad input. */
class AgentStoreTest {

    final DataSource db = TestDb.dataSource();
    final ManualClock clock = new ManualClock(Instant.parse("2026-12-02T09:00:00Z"));
    final AgentCredentials credentials = new AgentCredentials(db, "dialer.test");
    final AgentStore agents = new AgentStore(db, clock, credentials);
    final NamedStore skills = NamedStore.skills(db, clock);
    final QueueStore queues = new QueueStore(db, clock);

    @Test
    void aUserWithASipPasswordGetsPhoneCredentialsAndStartsOffline() {
        String sip = "agent" + UUID.randomUUID().toString().substring(0, 8);
        Agent a = agents.create("Bo Lee", null, sip, "bo-secret-123");
        assertThat(credentials.ha1(sip)).isPresent();
        assertThat(a.state()).isEqualTo(AgentState.OFFLINE);
        assertThat(a.version()).isEqualTo(1);
        assertThatThrownBy(() -> agents.create("Other", null, sip, null)).isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> agents.create("No user", null, null, "password-1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("sipPassword:");
    }

    @Test
    void skillsCarryAProficiencyFromZeroToFive() {
        Agent a = agents.create("Cy", null, null, null);
        Named s = skills.create("s-" + UUID.randomUUID());
        agents.setSkill(a.id(), s.id(), 0);
        agents.setSkill(a.id(), s.id(), 5);
        assertThat(agents.skills(a.id())).containsExactly(new Agent.Skill(s.id(), s.name(), 5));
        assertThatThrownBy(() -> agents.setSkill(a.id(), s.id(), 6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> agents.setSkill(a.id(), UUID.randomUUID(), 3)).isInstanceOf(IllegalArgumentException.class);
        agents.removeSkill(a.id(), s.id());
        assertThat(agents.skills(a.id())).isEmpty();
    }

    @Test
    void membershipsAndTheStaleVersionCheck() {
        Agent a = agents.create("Di", null, null, null);
        Queue q = queues.create(Queue.Settings.named("m-" + UUID.randomUUID()));
        agents.join(q.id(), List.of(a.id(), a.id()));
        assertThat(agents.queuesOf(a.id())).extracting(Named::id).containsExactly(q.id());
        assertThat(queues.find(q.id()).orElseThrow().memberCount()).isEqualTo(1);
        assertThat(agents.members(q.id(), 1, 25).total()).isEqualTo(1);
        Agent renamed = agents.update(a.id(), "Di Ng", null, null, 1);
        assertThat(renamed.version()).isEqualTo(2);
        assertThatThrownBy(() -> agents.update(a.id(), "stale", null, null, 1)).isInstanceOf(Conflict.class);
        agents.leave(q.id(), a.id());
        assertThat(agents.queuesOf(a.id())).isEmpty();
    }
}
