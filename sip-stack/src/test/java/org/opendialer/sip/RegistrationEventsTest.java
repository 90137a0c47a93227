package org.opendialer.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendialer.sip.RegistrationEvent.Reason;
import org.opendialer.sip.RegistrationEvent.Registered;
import org.opendialer.sip.RegistrationEvent.Unregistered;

/** Agent registrations and their ends pushed to a listener, and mirrored in the store. */
class RegistrationEventsTest {

    private final MemoryRegistrationStore store = new MemoryRegistrationStore();
    private final BlockingQueue<RegistrationEvent> events = new LinkedBlockingQueue<>();
    private SipServer server;

    private void start() throws Exception {
        String agentHa1 = AgentAndBridgeTest.ha1("1001", "dialer.test", "pw1001");
        server = SipServer.start(new SipConfig("127.0.0.1", Sipp.freeUdpPort(), 5061, List.of("udp"), List.of()),
                user -> user.equals("1001") ? Optional.of(agentHa1) : Optional.empty(), "dialer.test", store);
        server.onRegistration(events::add);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private RegistrationEvent next() throws InterruptedException {
        RegistrationEvent e = events.poll(5, TimeUnit.SECONDS);
        assertThat(e).as("a registration event within 5 s").isNotNull();
        return e;
    }

    @Test
    void aNewContactIsAnnouncedARefreshIsNotAndAnUnregisterIsRemoved() throws Exception {
        start();
        try (RegisterClient phone = new RegisterClient("127.0.0.1", server.port())) {
            String contact = phone.contact("1001");
            Instant before = Instant.now();
            assertThat(phone.register("1001", "pw1001", 300).status()).isEqualTo(200);
            Registered registered = (Registered) next();
            assertThat(registered.user()).isEqualTo("1001");
            assertThat(registered.contact()).isEqualTo(contact);
            assertThat(registered.source()).startsWith("127.0.0.1:");
            assertThat(registered.expiresAt()).isBetween(before.plusSeconds(299), Instant.now().plusSeconds(301));

            assertThat(phone.register("1001", "pw1001", 300).status()).isEqualTo(200);
            assertThat(phone.register("1001", "pw1001", 0).status()).isEqualTo(200);
            // the refresh in between announced nothing: the next event is the removal
            assertThat(next()).isEqualTo(new Unregistered("1001", contact, Reason.REMOVED));
            assertThat(server.registeredContacts("1001")).isEmpty();
            awaitStoreEmpty();
        }
    }

    @Test
    void aStoredRegistrationThatLapsesIsAnnouncedAsExpired() throws Exception {
        String contact = "sip:1001@127.0.0.1:5999";
        store.save(new RegistrationStore.Registration("1001", contact, "127.0.0.1", 5999, "udp",
                Instant.now().plusSeconds(2)));
        start();
        assertThat(server.registeredContacts("1001")).containsExactly(contact);
        assertThat(next()).isEqualTo(new Unregistered("1001", contact, Reason.EXPIRED));
        assertThat(server.registeredContacts("1001")).isEmpty();
        assertThat(server.stats().registrations()).isZero();
        // left in the store, where a start ignores it: another node sharing it may have refreshed it meanwhile
        assertThat(store.loadUnexpired(Instant.now())).isEmpty();
    }

    private void awaitStoreEmpty() throws InterruptedException {
        for (int i = 0; i < 250 && !store.all().isEmpty(); i++) {
            Thread.sleep(20);
        }
        assertThat(store.all()).as("stored registrations").isEmpty();
    }
}
