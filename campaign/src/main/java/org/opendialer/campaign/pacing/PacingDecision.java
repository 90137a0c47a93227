package org.opendialer.campaign.pacing;

/** The calls to place now, the governor's state, and a one-line reason for the decision log. */
public record PacingDecision(int calls, PacerState state, String reason) {

    public PacingDecision {
        if (calls < 0) {
            throw new IllegalArgumentException("calls must not be negative: " + calls);
        }
    }
}
