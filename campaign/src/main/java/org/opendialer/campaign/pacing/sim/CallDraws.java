package org.opendialer.campaign.pacing.sim;

import java.time.Duration;
import java.util.SplittableRandom;
import org.opendialer.campaign.pacing.AttemptOutcome;

/**
 * The random side of a simulated campaign, shared by every simulator so they model calls alike: what a dial gives
 * and when, and how long a talk and a wrap-up last (log-normal, coefficients of variation 0.5, 0.8 and 0.5; see
 * {@link SimParams}). One seeded stream: the same seed and the same sequence of calls give the same draws.
 */
public final class CallDraws {

    /** A dial's outcome and when it is known, in milliseconds after the dial. */
    public record Dial(AttemptOutcome outcome, long afterMillis) {
    }

    private final SimParams params;
    private final SplittableRandom random;

    public CallDraws(SimParams params) {
        this.params = params;
        this.random = new SplittableRandom(params.seed());
    }

    /** One dial: live, machine, busy or no answer; an answer later than {@code ringTime} is no answer at it. */
    public Dial dial(Duration ringTime) {
        double u = random.nextDouble();
        AttemptOutcome outcome;
        double seconds;
        if (u < params.answerRate() + params.machineRate()) {
            outcome = u < params.answerRate() ? AttemptOutcome.LIVE : AttemptOutcome.MACHINE;
            seconds = logNormal(params.meanAnswer(), 0.5);
        } else if (u < params.answerRate() + params.machineRate() + params.busyRate()) {
            outcome = AttemptOutcome.BUSY;
            seconds = 1 + 4 * random.nextDouble();
        } else {
            outcome = AttemptOutcome.NO_ANSWER;
            seconds = Double.MAX_VALUE;
        }
        double ring = ringTime.toMillis() / 1000.0;
        if (seconds > ring) {
            outcome = AttemptOutcome.NO_ANSWER;
            seconds = ring;
        }
        return new Dial(outcome, (long) (seconds * 1000));
    }

    public long talkMillis() {
        return (long) (logNormal(params.meanTalk(), 0.8) * 1000);
    }

    public long wrapMillis() {
        return (long) (logNormal(params.meanWrap(), 0.5) * 1000);
    }

    /** A log-normal draw, in seconds, with this mean and coefficient of variation. */
    private double logNormal(Duration mean, double cv) {
        double s2 = Math.log(1 + cv * cv);
        double mu = Math.log(mean.toMillis() / 1000.0) - s2 / 2;
        return Math.exp(mu + Math.sqrt(s2) * random.nextGaussian());
    }
}
