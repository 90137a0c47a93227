package org.opendialer.acd.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.opendialer.sip.AgentDirectory;
import org.opendialer.sip.RegistrationStore.Registration;
import org.opendialer.sip.SipConfig;
import org.opendialer.sip.SipServer;
import org.opendialer.store.testing.TestDb;

/** Agent registrations in the embedded PostgreSQL, and a SIP server that starts over them. */
class AgentRegistrationsTest {

    private final DataSource db = TestDb.dataSource();
    private final AgentCredentials credentials = new AgentCredentials(db, "dialer.test");
    private final AgentRegistrations store = new AgentRegistrations(db);
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private static Registration reg(String user, String contact, int port, Instant expiresAt) {
        return new Registration(user, contact, "127.0.0.1", port, "udp", expiresAt);
    }

    private List<Registration> of(String user) {
        return store.loadUnexpired(now).stream().filter(r -> r.user().equals(user)).toList();
    }

    @Test
    void aBindingIsStoredReplacedAndRemoved() {
        credentials.set("reg-a", "password-a");
        store.save(reg("reg-a", "sip:reg-a@127.0.0.1:5070", 5070, now.plusSeconds(300)));
        store.save(reg("reg-a", "sip:reg-a@127.0.0.1:5070", 5071, now.plusSeconds(600)));
        assertThat(of("reg-a")).containsExactly(reg("reg-a", "sip:reg-a@127.0.0.1:5070", 5071, now.plusSeconds(600)));
        store.remove("reg-a", "sip:reg-a@127.0.0.1:5070");
        assertThat(of("reg-a")).isEmpty();
    }

    @Test
    void expiredBindingsAreNotLoadedAndArePruned() throws Exception {
        credentials.set("reg-b", "password-b");
        store.save(reg("reg-b", "sip:reg-b@127.0.0.1:5072", 5072, now.minusSeconds(1)));
        store.save(reg("reg-b", "sip:reg-b@127.0.0.1:5073", 5073, now.plusSeconds(60)));
        assertThat(of("reg-b")).extracting(Registration::contact).containsExactly("sip:reg-b@127.0.0.1:5073");
        assertThat(count("reg-b")).isEqualTo(1);
    }

    @Test
    void deletingAnAgentsCredentialsDeletesItsBindings() throws Exception {
        credentials.set("reg-c", "password-c");
        store.save(reg("reg-c", "sip:reg-c@127.0.0.1:5074", 5074, now.plusSeconds(60)));
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM agent_sip_credential WHERE username = 'reg-c'");
        }
        assertThat(count("reg-c")).isZero();
    }

    @Test
    void aSipServerStartedOverTheDatabaseKnowsTheStoredPhones() {
        credentials.set("reg-d", "password-d");
        store.save(reg("reg-d", "sip:reg-d@127.0.0.1:5075", 5075, Instant.now().plus(Duration.ofMinutes(5))));
        try (SipServer sip = SipServer.start(new SipConfig("127.0.0.1", 0, 0, List.of("udp"), List.of()),
                credentials, "dialer.test", store)) {
            assertThat(sip.registeredContacts("reg-d")).containsExactly("sip:reg-d@127.0.0.1:5075");
        }
    }

    private int count(String user) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             var r = s.executeQuery("SELECT count(*) FROM agent_registration WHERE username = '" + user + "'")) {
            r.next();
            return r.getInt(1);
        }
    }
}
