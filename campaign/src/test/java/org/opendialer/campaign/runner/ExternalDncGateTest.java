package org.opendialer.campaign.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.contacts.dnc.DncList;
import org.opendialer.contacts.dnc.external.ExternalDncLists;
import org.opendialer.contacts.dnc.external.SecretSeal;
import org.opendialer.contacts.lists.ContactList;
import org.opendialer.store.testing.ManualClock;

/**
 * A campaign's external DNC list (dncCom) in the gate, against a stand-in of the DNC.com Scrub API over HTTP on
 * loopback: one request per claim batch with the list's login id opened from its seal, a do-not-call answer
 * blocks, a provider that does not answer within the budget dials nobody and the decision log says so, clear
 * answers are cached.
 */
class ExternalDncGateTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String BLOCKED = "5039367188";

    final Fixture f = new Fixture();
    final AttemptStore attempts = new AttemptStore(f.ds);
    final ManualClock clock = new ManualClock(ComplianceTest.T0);
    final ContactClaims claims = new ContactClaims(f.ds);
    final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    final List<String> keys = new CopyOnWriteArrayList<>();
    final CountDownLatch release = new CountDownLatch(1);
    volatile boolean hang;
    HttpServer standIn;
    ExternalDncLists external;

    @BeforeEach
    void start() throws IOException {
        standIn = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        standIn.createContext("/app/main/rpc/scrub", this::handle);
        standIn.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        standIn.start();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        external = new ExternalDncLists(f.ds, new SecretSeal(key),
                URI.create("http://127.0.0.1:" + standIn.getAddress().getPort()), Duration.ofMillis(800), clock);
    }

    @AfterEach
    void stop() {
        release.countDown();
        standIn.stop(0);
    }

    private void handle(HttpExchange x) throws IOException {
        JsonNode body = JSON.readTree(x.getRequestBody());
        requests.add(body);
        keys.add(x.getRequestHeaders().getFirst("loginId"));
        if (hang) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        var rows = JSON.createArrayNode();
        for (String phone : body.path("phoneList").asText().split(",")) {
            rows.addObject().put("Phone", phone).put("ResultCode", phone.equals(BLOCKED) ? "D" : "C").put("Reason", "");
        }
        byte[] out = rows.toString().getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(200, out.length);
        x.getResponseBody().write(out);
        x.close();
    }

    @Test
    void aDoNotCallAnswerBlocksAClearOneDialsInOneRequestAndTheLoginIdIsStoredSealed() throws Exception {
        DncList list = external.create("dncCom " + UUID.randomUUID(), ExternalDncLists.DNC_COM, "key-123");
        assertThat(list.dncSourceType()).isEqualTo("dncCom");
        assertThat(sealedLoginId(list.id())).isNotBlank().doesNotContain("key-123");
        ContactList contacts = f.list("clean,+15039367190,,", "blocked,+1" + BLOCKED + ",,", "abroad,+442079460958,,");
        Campaign c = f.campaign(contacts, s -> Fixture.with(s, n -> n.putArray("dncListIds").add(list.id().toString())));
        Gates gates = new Gates(f.ds, f.ledger, attempts, clock, external);

        List<ContactClaims.Claim> got = claims.claim(c, gates.of(c), 10, ComplianceTest.T0, "n1");
        assertThat(got).extracting(cl -> cl.contact().get("id")).containsExactly("clean");
        assertThat(requests).as("the claim's batch in one request").hasSize(1);
        assertThat(keys).containsExactly("key-123");
        Decisions log = new Decisions(f.ds);
        assertThat(log.page(c.id(), f.idOf(contacts, "blocked"), 5, 1).items()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("dnc");
            assertThat(d.detail()).contains("external DNC dncCom");
        });
        assertThat(log.page(c.id(), f.idOf(contacts, "abroad"), 5, 1).items()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("externalDnc");
            assertThat(d.detail()).contains("+1 (NANP) numbers only").endsWith("not dialled");
        });

        claims.claim(c, gates.of(c), 10, ComplianceTest.T0, "n1");
        assertThat(requests).as("clear answers are cached for a day; nothing new to ask").hasSize(1);
    }

    @Test
    void aProviderThatDoesNotAnswerInItsBudgetDialsNobodyAndTheLogSaysSo() {
        DncList list = external.create("dncCom " + UUID.randomUUID(), ExternalDncLists.DNC_COM, "key-456");
        ContactList contacts = f.list("late,+15039367191,,");
        Campaign c = f.campaign(contacts, s -> Fixture.with(s, n -> n.putArray("dncListIds").add(list.id().toString())));
        hang = true;
        List<ContactClaims.Claim> got = claims.claim(c, new Gates(f.ds, f.ledger, attempts, clock, external).of(c), 10,
                ComplianceTest.T0, "n1");
        assertThat(got).isEmpty();
        assertThat(new Decisions(f.ds).page(c.id(), f.idOf(contacts, "late"), 5, 1).items()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("externalDnc");
            assertThat(d.detail()).isEqualTo("external DNC dncCom: timeout after 800 ms — not dialled");
        });
        assertThat(claims.pending(c)).as("not retired: asked again on a later tick").isEqualTo(1);
    }

    @Test
    void withoutASealKeyNoExternalListIsCreated() {
        ExternalDncLists keyless = new ExternalDncLists(f.ds, null, URI.create("http://127.0.0.1:1"), Duration.ofMillis(800), clock);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> keyless.create("x " + UUID.randomUUID(), "dncCom", "k"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(SecretSeal.KEY_VARIABLE);
    }

    private String sealedLoginId(UUID listId) throws Exception {
        try (Connection c = f.ds.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT login_id_sealed FROM dnc_list WHERE id = ?")) {
            s.setObject(1, listId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }
}
