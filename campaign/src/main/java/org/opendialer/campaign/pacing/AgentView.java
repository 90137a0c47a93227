package org.opendialer.campaign.pacing;

import java.time.Duration;
import java.util.Objects;

/**
 * One logged-in agent as the pacer sees it: the phase and how long it has been in it (for the residual talk and
 * wrap-up time). Agents on a break are {@link Phase#AWAY} and never counted as about to be free.
 */
public record AgentView(Phase phase, Duration inPhase) {

    public enum Phase { IDLE, TALKING, WRAPPING, AWAY }

    public AgentView {
        Objects.requireNonNull(phase, "phase");
        if (inPhase == null || inPhase.isNegative()) {
            throw new IllegalArgumentException("inPhase must be zero or positive, got " + inPhase);
        }
    }

    public static AgentView idle(Duration inPhase) {
        return new AgentView(Phase.IDLE, inPhase);
    }
}
