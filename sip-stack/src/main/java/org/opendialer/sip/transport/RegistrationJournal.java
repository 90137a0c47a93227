package org.opendialer.sip.transport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.jitsi.utils.logging2.Logger;
import org.opendialer.sip.RegistrationEvent;
import org.opendialer.sip.RegistrationEvent.Reason;
import org.opendialer.sip.RegistrationListener;
import org.opendialer.sip.RegistrationStore;
import org.opendialer.sip.RegistrationStore.Registration;
import org.opendialer.sip.trunk.SerialExecutor;

/**
 * What the registrar's binding changes cause outside it: writes to the {@link RegistrationStore} and events to the
 * {@link RegistrationListener}s, each on its own serial executor so neither a slow database nor a slow listener
 * holds a SIP stack thread, and both see changes in the order they happened. Binding expiry is in the registrar's
 * monotonic nanos; the store keeps wall-clock instants, converted here.
 */
final class RegistrationJournal {

    private final RegistrationStore store;
    private final Executor writer;
    private final Executor announcer;
    private final List<RegistrationListener> listeners = new CopyOnWriteArrayList<>();
    private final Clock wall;
    private final LongSupplier nanoClock;
    private final Logger log;

    RegistrationJournal(RegistrationStore store, Executor pool, Clock wall, LongSupplier nanoClock, Logger log) {
        this.store = store;
        this.writer = new SerialExecutor(pool);
        this.announcer = new SerialExecutor(pool);
        this.wall = wall;
        this.nanoClock = nanoClock;
        this.log = log;
    }

    void addListener(RegistrationListener listener) {
        listeners.add(listener);
    }

    /** A binding was added or refreshed; {@code fresh} when the agent did not have this contact before. */
    void saved(String user, Registrar.Binding b, boolean fresh) {
        Registration r = toRegistration(user, b);
        writer.execute(() -> write("save", user, () -> store.save(r)));
        if (fresh) {
            announce(new RegistrationEvent.Registered(user, b.contact(), b.sourceHost() + ":" + b.sourcePort(),
                    r.expiresAt()));
        }
    }

    /**
     * A lapsed binding stays in the store, where loading ignores it (and the JDBC store prunes it): deleting it here
     * could delete the row another node sharing the database has just refreshed.
     */
    void ended(String user, Registrar.Binding b, Reason reason) {
        if (reason != Reason.EXPIRED) {
            writer.execute(() -> write("remove", user, () -> store.remove(user, b.contact())));
        }
        announce(new RegistrationEvent.Unregistered(user, b.contact(), reason));
    }

    /** Unexpired registrations from the store, as bindings on the registrar's clock; none when the store fails. */
    List<Loaded> load() {
        Instant now = wall.instant();
        long nanos = nanoClock.getAsLong();
        try {
            return store.loadUnexpired(now).stream()
                    .map(r -> new Loaded(r.user(), new Registrar.Binding(r.contact(), r.sourceHost(), r.sourcePort(),
                            r.transport(), nanos + Duration.between(now, r.expiresAt()).toNanos(), r.aor(), r.userAgent())))
                    .toList();
        } catch (RuntimeException e) {
            log.warn("stored registrations could not be loaded; phones are reachable again when they re-register: "
                    + e.getMessage());
            return List.of();
        }
    }

    record Loaded(String user, Registrar.Binding binding) { }

    private Registration toRegistration(String user, Registrar.Binding b) {
        Instant expiresAt = wall.instant().plusNanos(b.expiresAtNanos() - nanoClock.getAsLong());
        return new Registration(user, b.contact(), b.sourceHost(), b.sourcePort(), b.transport(), expiresAt, b.aor(),
                b.userAgent());
    }

    private void announce(RegistrationEvent event) {
        announcer.execute(() -> {
            for (RegistrationListener l : listeners) {
                try {
                    l.onEvent(event);
                } catch (RuntimeException e) {
                    log.warn("registration listener failed on " + event + ": " + e);
                }
            }
        });
    }

    /** A failed write is logged, not retried: the phone's next REGISTER writes its binding again. */
    private void write(String what, String user, Runnable op) {
        try {
            op.run();
        } catch (RuntimeException e) {
            log.warn("registration " + what + " for agent " + user + " failed: " + e.getMessage());
        }
    }
}
