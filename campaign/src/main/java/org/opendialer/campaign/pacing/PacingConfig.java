package org.opendialer.campaign.pacing;

import java.time.Duration;
import java.util.Objects;

/**
 * A campaign's pacing settings. The constructor refuses what a regulator forbids: a ring time under
 * {@link #MIN_RING_TIME} (FCC 47 CFR 64.1200(a)(6): 15 s or four rings) and an abandon cap outside (0, 1).
 *
 * @param abandonCap      highest share of live answers that may be abandoned, over {@code abandonWindow}
 *                        (default 3 %, FCC and Ofcom)
 * @param abandonWindow   the regulator's measuring window: {@link #FCC_WINDOW} (30 days per campaign, the default)
 *                        or {@link #OFCOM_WINDOW} (24 h)
 * @param ringTime        how long an unanswered call rings before it is given up
 * @param powerRatio      lines per idle agent in {@link DialingMode#POWER}
 * @param agentlessLines  lines an agentless campaign keeps busy
 * @param maxLinesPerAgent ceiling of calls ringing per staffed agent in predictive mode
 * @param previewTimer    in preview, the auto-dial timer: the call is placed once the agent has had the record this
 *                        long
 * @param setpoint        the share of the cap the predictive governor aims at (default 0.6, so 1.8 % under a 3 %
 *                        cap): the margin that keeps a run's rate under the cap despite the noise of small counts
 */
public record PacingConfig(DialingMode mode, double abandonCap, Duration abandonWindow, Duration ringTime,
                           double powerRatio, int agentlessLines, int maxLinesPerAgent, Duration previewTimer,
                           double setpoint) {

    public static final Duration MIN_RING_TIME = Duration.ofSeconds(15);
    /** A live answer with no agent this long after the greeting is abandoned: the recorded message plays then. */
    public static final Duration ABANDON_GRACE = Duration.ofSeconds(2);
    public static final Duration FCC_WINDOW = Duration.ofDays(30);
    public static final Duration OFCOM_WINDOW = Duration.ofHours(24);

    public PacingConfig {
        Objects.requireNonNull(mode, "mode");
        if (!(abandonCap > 0 && abandonCap < 1)) {
            throw new IllegalArgumentException("abandonCap must be in (0, 1), got " + abandonCap);
        }
        if (abandonWindow == null || abandonWindow.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("abandonWindow must be at least one minute, got " + abandonWindow);
        }
        if (ringTime == null || ringTime.compareTo(MIN_RING_TIME) < 0) {
            throw new IllegalArgumentException("ringTime must be at least " + MIN_RING_TIME.toSeconds()
                    + " s (FCC 47 CFR 64.1200(a)(6)), got " + (ringTime == null ? null : ringTime.toMillis() / 1000.0 + " s"));
        }
        if (!(powerRatio >= 1 && powerRatio <= 20)) {
            throw new IllegalArgumentException("powerRatio must be in [1, 20], got " + powerRatio);
        }
        if (agentlessLines < 1) {
            throw new IllegalArgumentException("agentlessLines must be at least 1, got " + agentlessLines);
        }
        if (maxLinesPerAgent < 1) {
            throw new IllegalArgumentException("maxLinesPerAgent must be at least 1, got " + maxLinesPerAgent);
        }
        if (previewTimer == null || previewTimer.isNegative()) {
            throw new IllegalArgumentException("previewTimer must be zero or positive, got " + previewTimer);
        }
        if (!(setpoint > 0 && setpoint <= 1)) {
            throw new IllegalArgumentException("setpoint must be in (0, 1], got " + setpoint);
        }
    }

    /** 3 % over 30 days, 25 s ring, power 2:1, 10 agentless lines, 4 lines per agent, 10 s preview timer. */
    public static PacingConfig defaults(DialingMode mode) {
        return new PacingConfig(mode, 0.03, FCC_WINDOW, Duration.ofSeconds(25), 2.0, 10, 4, Duration.ofSeconds(10),
                0.6);
    }

    public PacingConfig withMode(DialingMode m) {
        return new PacingConfig(m, abandonCap, abandonWindow, ringTime, powerRatio, agentlessLines, maxLinesPerAgent,
                previewTimer, setpoint);
    }

    public PacingConfig withAbandonCap(double cap, Duration window) {
        return new PacingConfig(mode, cap, window, ringTime, powerRatio, agentlessLines, maxLinesPerAgent,
                previewTimer, setpoint);
    }

    public PacingConfig withRingTime(Duration ring) {
        return new PacingConfig(mode, abandonCap, abandonWindow, ring, powerRatio, agentlessLines, maxLinesPerAgent,
                previewTimer, setpoint);
    }

    public PacingConfig withPowerRatio(double ratio) {
        return new PacingConfig(mode, abandonCap, abandonWindow, ringTime, ratio, agentlessLines, maxLinesPerAgent,
                previewTimer, setpoint);
    }

    public PacingConfig withAgentlessLines(int lines) {
        return new PacingConfig(mode, abandonCap, abandonWindow, ringTime, powerRatio, lines, maxLinesPerAgent,
                previewTimer, setpoint);
    }

    public PacingConfig withSetpoint(double share) {
        return new PacingConfig(mode, abandonCap, abandonWindow, ringTime, powerRatio, agentlessLines,
                maxLinesPerAgent, previewTimer, share);
    }
}
