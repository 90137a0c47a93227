package org.opendialer.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendialer.sip.RegisterClient.Outcome;
import org.opendialer.sip.SipStats.Refusal;

/**
 * Issue 11: wrong-password REGISTERs back off per source and per user with 503 + Retry-After (digest unchecked), a
 * success resets the user, and a phone registered from its own address is not locked out by a guesser elsewhere.
 * The back-off's timing (60 s doubling to 15 min) is FailureThrottleTest's, in virtual time.
 */
class RegistrarThrottleTest {

    private SipServer server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        Map<String, String> ha1 = Map.of("1001", AgentAndBridgeTest.ha1("1001", "dialer.test", "pw1001"),
                "1002", AgentAndBridgeTest.ha1("1002", "dialer.test", "pw1002"));
        port = Sipp.freeUdpPort();
        server = SipServer.start(new SipConfig("127.0.0.1", port, 5061, List.of("udp"), List.of()),
                user -> Optional.ofNullable(ha1.get(user)), "dialer.test");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void fiveHundredWrongPasswordsCostFiveDigestChecksAndTheRestWait() throws Exception {
        Map<Integer, Integer> statuses = new TreeMap<>();
        int retryAfter = -1;
        try (RegisterClient guesser = new RegisterClient("127.0.0.3", port)) {
            for (int i = 0; i < 500; i++) {
                Outcome o = guesser.register("1001", "guess" + i);
                statuses.merge(o.status(), 1, Integer::sum);
                if (o.status() == 503) {
                    retryAfter = o.retryAfter();
                }
            }
            assertThat(statuses).isEqualTo(Map.of(403, 5, 503, 495));
            assertThat(retryAfter).isBetween(1, 60);
            assertThat(guesser.register("1001", "pw1001").status()).as("even the right password waits").isEqualTo(503);
        }
        try (RegisterClient elsewhere = new RegisterClient("127.0.0.4", port)) {
            assertThat(elsewhere.register("1001", "pw1001").status()).as("the user backs off everywhere")
                    .isEqualTo(503);
            assertThat(elsewhere.register("1002", "pw1002").status()).as("other users are not affected")
                    .isEqualTo(200);
        }
        assertThat(server.stats().refusals()).containsEntry(Refusal.BAD_CREDENTIALS, 5L)
                .containsEntry(Refusal.THROTTLED, 497L);
    }

    @Test
    void oneSourceGuessingManyUsersBacksOffAsASource() throws Exception {
        try (RegisterClient scanner = new RegisterClient("127.0.0.5", port)) {
            for (int i = 0; i < 10; i++) {
                assertThat(scanner.register("20" + i, "x").status()).isEqualTo(403);
            }
            assertThat(scanner.register("1002", "pw1002").status()).isEqualTo(503);
        }
    }

    @Test
    void aSuccessResetsTheUserAndARegisteredPhoneIsNotLockedOutByAGuesserElsewhere() throws Exception {
        try (RegisterClient phone = new RegisterClient("127.0.0.6", port);
             RegisterClient guesser = new RegisterClient("127.0.0.7", port)) {
            for (int i = 0; i < 4; i++) {
                assertThat(phone.register("1002", "old password").status()).isEqualTo(403);
            }
            assertThat(phone.register("1002", "pw1002").status()).isEqualTo(200);
            for (int i = 0; i < 4; i++) {
                assertThat(phone.register("1002", "old password").status()).as("counting starts again").isEqualTo(403);
            }
            assertThat(phone.register("1002", "pw1002").status()).isEqualTo(200);

            for (int i = 0; i < 5; i++) {
                assertThat(guesser.register("1002", "guess").status()).isEqualTo(403);
            }
            assertThat(guesser.register("1002", "pw1002").status()).isEqualTo(503);
            assertThat(phone.register("1002", "pw1002").status()).as("the registered phone refreshes").isEqualTo(200);
        }
    }
}
