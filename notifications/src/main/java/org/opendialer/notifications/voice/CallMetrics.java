package org.opendialer.notifications.voice;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;

/**
 * Finished calls by outcome and disposition, and AMD decisions by result with their decision time (a histogram).
 * Counts into nothing until {@link #bindTo} names a registry: the service can run without one (tools, tests).
 */
public final class CallMetrics implements MeterBinder {

    /** AMD decides within a few seconds of answer; buckets an operator tuning its parameters can read. */
    private static final Duration[] AMD_BUCKETS = {Duration.ofMillis(500), Duration.ofMillis(1000),
            Duration.ofMillis(1500), Duration.ofMillis(2000), Duration.ofMillis(2500), Duration.ofMillis(3000),
            Duration.ofMillis(4000), Duration.ofMillis(5000), Duration.ofMillis(7500)};

    private final CompositeMeterRegistry registry = new CompositeMeterRegistry();

    @Override
    public void bindTo(MeterRegistry target) {
        registry.add(target);
    }

    void finished(String outcome, String disposition) {
        Counter.builder("dialer.calls.finished").tag("outcome", outcome)
                .tag("disposition", disposition == null ? "NONE" : disposition)
                .description("calls ended, by outcome (HUMAN, MACHINE, BUSY...) and SIP disposition")
                .register(registry).increment();
    }

    void amdDecision(String result, long decisionMs) {
        Timer.builder("dialer.amd.decision").tag("result", result).serviceLevelObjectives(AMD_BUCKETS)
                .description("answering machine detection decisions by result, timed from answer to decision")
                .register(registry).record(Duration.ofMillis(decisionMs));
    }
}
