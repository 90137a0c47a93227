package org.opendialer.sip;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The registration port kept in a map that outlives a test's SipServer, as the database outlives the process. */
final class MemoryRegistrationStore implements RegistrationStore {

    private final Map<String, Registration> byKey = new ConcurrentHashMap<>();

    @Override
    public List<Registration> loadUnexpired(Instant now) {
        return byKey.values().stream().filter(r -> r.expiresAt().isAfter(now)).toList();
    }

    @Override
    public void save(Registration registration) {
        byKey.put(registration.user() + " " + registration.contact(), registration);
    }

    @Override
    public void remove(String user, String contact) {
        byKey.remove(user + " " + contact);
    }

    List<Registration> all() {
        return List.copyOf(byKey.values());
    }
}
