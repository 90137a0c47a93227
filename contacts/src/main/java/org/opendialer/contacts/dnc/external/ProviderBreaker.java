package org.opendialer.contacts.dnc.external;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A circuit breaker in front of a provider: a scrub with any {@link Verdict#DOWN} answer opens it, and for a
 * back-off (from {@code firstBackOff}, doubling after each failed probe up to {@code maxBackOff}) every number is DOWN
 * without a request, so a dead provider costs one budget per back-off instead of one per tick and campaign. When the
 * back-off ends one scrub probes; its success closes the breaker. Thread-safe; timed on the injected clock.
 */
public final class ProviderBreaker implements ExternalDnc {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderBreaker.class);

    /** CLOSED asks; OPEN refuses until its back-off ends; PROBING lets one scrub through, refusing the others. */
    enum State {
        CLOSED, OPEN, PROBING;

        /** The state after {@code e}, or null when {@code e} cannot happen in this state. */
        State on(Event e) {
            return switch (this) {
                case CLOSED -> e == Event.FAILED ? OPEN : e == Event.SUCCEEDED ? CLOSED : null;
                case OPEN -> e == Event.BACK_OFF_OVER ? PROBING : null;
                case PROBING -> e == Event.FAILED ? OPEN : e == Event.SUCCEEDED ? CLOSED : null;
            };
        }
    }

    enum Event { FAILED, SUCCEEDED, BACK_OFF_OVER }

    private final ExternalDnc provider;
    private final Duration firstBackOff;
    private final Duration maxBackOff;
    private final Clock clock;
    private State state = State.CLOSED;
    private Duration backOff;
    private Instant retryAt;

    public ProviderBreaker(ExternalDnc provider, Duration firstBackOff, Duration maxBackOff, Clock clock) {
        this.provider = provider;
        this.firstBackOff = firstBackOff;
        this.maxBackOff = maxBackOff;
        this.clock = clock;
        this.backOff = firstBackOff;
    }

    @Override
    public Map<String, Verdict> scrub(Collection<String> numbers) {
        if (!mayAsk()) {
            return down(numbers);
        }
        Map<String, Verdict> answer;
        try {
            answer = provider.scrub(numbers);
        } catch (RuntimeException e) { // the contract says never, but a breaker must not stay PROBING forever
            LOG.warn("DNC provider threw: {}", e.toString());
            answer = down(numbers);
        }
        settle(answer.containsValue(Verdict.DOWN));
        return answer;
    }

    @Override
    public synchronized Optional<Instant> downUntil() {
        return state == State.CLOSED ? Optional.empty() : Optional.of(retryAt);
    }

    synchronized State state() {
        return state;
    }

    private synchronized boolean mayAsk() {
        if (state == State.OPEN && !clock.instant().isBefore(retryAt)) {
            state = state.on(Event.BACK_OFF_OVER);
            return true;
        }
        return state == State.CLOSED;
    }

    private synchronized void settle(boolean failed) {
        State from = state;
        State to = from.on(failed ? Event.FAILED : Event.SUCCEEDED);
        if (to == null) { // a scrub that started before another one opened the breaker: that one's back-off stands
            return;
        }
        state = to;
        if (!failed) {
            backOff = firstBackOff;
            return;
        }
        if (from == State.PROBING) {
            backOff = backOff.multipliedBy(2).compareTo(maxBackOff) > 0 ? maxBackOff : backOff.multipliedBy(2);
        }
        retryAt = clock.instant().plus(backOff);
        LOG.warn("DNC provider down: not asked again before {}", retryAt);
    }

    private static Map<String, Verdict> down(Collection<String> numbers) {
        Map<String, Verdict> out = new LinkedHashMap<>();
        numbers.forEach(n -> out.put(n, Verdict.DOWN));
        return out;
    }
}
