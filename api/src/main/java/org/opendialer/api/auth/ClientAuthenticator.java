package org.opendialer.api.auth;

import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Checks a client id and secret in the same work whatever the outcome: an unknown or disabled client still has
 * a secret verified, against a dummy hash of the same cost as a real one, so the answer's timing does not tell
 * which client ids exist. Blocking (database and PBKDF2): run it on the bounded hashing pool.
 */
public final class ClientAuthenticator {

    /** Looks a client up by id; blocking. */
    @FunctionalInterface
    public interface Lookup {
        Optional<ApiClient> find(String clientId) throws Exception;
    }

    /** Hash of a random secret nobody knows, made with the current iteration count. */
    static final String DUMMY_HASH = SecretHasher.hash(SecretHasher.newSecret());

    private final Lookup lookup;
    private final BiPredicate<String, String> verifier;

    /** @param verifier {@code (secret, storedHash) -> matches}; {@link SecretHasher#verify} in production */
    public ClientAuthenticator(Lookup lookup, BiPredicate<String, String> verifier) {
        this.lookup = lookup;
        this.verifier = verifier;
    }

    /** The enabled client whose secret this is, or empty. */
    public Optional<ApiClient> authenticate(String clientId, String secret) throws Exception {
        Optional<ApiClient> client = lookup.find(clientId);
        String hash = client.map(ApiClient::secretHash).orElse(DUMMY_HASH);
        boolean matches = verifier.test(secret, hash);
        return client.filter(c -> matches && !c.disabled());
    }
}
