package org.opendialer.sip;

import java.time.Instant;
import java.util.List;

/**
 * Where agent registrations outlive the process, so a restart does not forget phones (they would be unreachable
 * until their next REGISTER, up to {@code MAX_EXPIRES} later). The registrar writes through it from one serial
 * writer, in the order bindings change, off the SIP threads; it reads it once, at start.
 */
public interface RegistrationStore {

    /**
     * One registered contact of an agent.
     *
     * @param contact    the Contact URI as registered
     * @param sourceHost address the REGISTER came from: calls and OPTIONS go there, through the phone's NAT
     * @param sourcePort port the REGISTER came from
     * @param transport  udp, tcp or tls
     * @param expiresAt  when the binding lapses unless refreshed
     * @param aor        the address of record the phone registered (the REGISTER's To URI); null when unknown
     * @param userAgent  the phone's User-Agent header; null when it sent none
     */
    record Registration(String user, String contact, String sourceHost, int sourcePort, String transport,
                        Instant expiresAt, String aor, String userAgent) {

        /** A registration without its phone's description (stored before V31, or made by a test). */
        public Registration(String user, String contact, String sourceHost, int sourcePort, String transport,
                            Instant expiresAt) {
            this(user, contact, sourceHost, sourcePort, transport, expiresAt, null, null);
        }
    }

    /** Registrations still valid at {@code now}. */
    List<Registration> loadUnexpired(Instant now);

    /** Inserts or replaces the binding of {@code (user, contact)}. */
    void save(Registration registration);

    /**
     * Forgets one binding the phone removed or that stopped answering; nothing happens when it is not stored. Lapsed
     * bindings are not removed one by one ({@link #loadUnexpired} skips them): several nodes may share the store.
     */
    void remove(String user, String contact);

    /** Keeps nothing: registrations live as long as the process, as before this port existed. */
    static RegistrationStore none() {
        return new RegistrationStore() {
            @Override
            public List<Registration> loadUnexpired(Instant now) {
                return List.of();
            }

            @Override
            public void save(Registration registration) { }

            @Override
            public void remove(String user, String contact) { }
        };
    }
}
