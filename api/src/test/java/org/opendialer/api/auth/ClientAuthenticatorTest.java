package org.opendialer.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An unknown or disabled client id costs the same PBKDF2 as a known one: the code path is tested (one verification
 * against a hash of the same iteration count), not the wall-clock time.
 */
class ClientAuthenticatorTest {

    private final String realHash = SecretHasher.hash("right-secret");
    private final Map<String, ApiClient> clients = Map.of(
            "cl_known", new ApiClient("cl_known", "known", realHash, List.of("calls"), Instant.now(), false, Instant.now(), 1),
            "cl_off", new ApiClient("cl_off", "off", realHash, List.of("calls"), Instant.now(), true, Instant.now(), 1));
    private final List<String> hashesVerified = new ArrayList<>();
    private final ClientAuthenticator auth = new ClientAuthenticator(id -> Optional.ofNullable(clients.get(id)),
            (secret, hash) -> {
                hashesVerified.add(hash);
                return SecretHasher.verify(secret, hash);
            });

    private static String iterations(String hash) {
        return hash.split("\\$")[1];
    }

    @Test
    void knownClientRightAndWrongSecret() throws Exception {
        assertThat(auth.authenticate("cl_known", "right-secret")).isPresent();
        assertThat(auth.authenticate("cl_known", "wrong")).isEmpty();
        assertThat(hashesVerified).containsExactly(realHash, realHash);
    }

    @Test
    void unknownClientRunsTheSameHashWork() throws Exception {
        assertThat(auth.authenticate("cl_nobody", "right-secret")).isEmpty();
        assertThat(hashesVerified).hasSize(1);
        assertThat(iterations(hashesVerified.get(0))).isEqualTo(iterations(realHash))
                .isEqualTo(Integer.toString(SecretHasher.ITERATIONS));
        assertThat(hashesVerified.get(0)).isNotEqualTo(realHash);
    }

    @Test
    void disabledClientRunsTheSameHashWorkAndIsRefused() throws Exception {
        assertThat(auth.authenticate("cl_off", "right-secret")).isEmpty();
        assertThat(hashesVerified).containsExactly(realHash);
    }
}
