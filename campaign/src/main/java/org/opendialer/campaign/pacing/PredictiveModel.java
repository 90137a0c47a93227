package org.opendialer.campaign.pacing;

import java.time.Duration;

/**
 * How many calls to place now so that the expected share of live answers that find no agent stays within a risk
 * budget. For each horizon {@code t} (now to the 95th percentile of the time to a live answer) it compares
 * <ul>
 *   <li>A(t): live answers by then — of the calls ringing, each by its own conditional chance given how long it
 *       has rung, plus the new calls;</li>
 *   <li>F(t): agents free by {@code t} + the 2 s grace — idle ones surely, talking and wrapping ones by their
 *       measured residual time.</li>
 * </ul>
 * Both are sums of independent Bernoulli trials; A - F is taken as normal (its mean and variance are exact), and
 * the expected excess E[(A - F)+], the answers left without an agent, is what the budget limits. The largest
 * excess over all horizons counts: an agent free late does not help an answer that came early.
 */
final class PredictiveModel {

    /** Horizon step, seconds: finer changes the answer little and costs in proportion. */
    private static final int STEP = 2;

    private final AnswerStats answers;
    private final HandleStats handles;
    private final int graceSeconds = (int) PacingConfig.ABANDON_GRACE.toSeconds();

    PredictiveModel(AnswerStats answers, HandleStats handles) {
        this.answers = answers;
        this.handles = handles;
    }

    /** What {@link #calls} found, for the decision log. */
    record Plan(int calls, double risk, double expectedAnswers, int horizonSeconds) {
    }

    /**
     * @param floor    calls that are safe anyway (one per idle agent not yet covered by a ringing call)
     * @param ceiling  most calls the line limit allows now
     * @param budget   allowed expected abandons per expected live answer (the governor's alpha)
     * @param headroom allowed expected abandons in all, whatever the answers: what the window can still take
     * @param ringTime an unanswered call gives up after this, so no answer comes later
     */
    Plan calls(PacingSnapshot s, int floor, int ceiling, double budget, double headroom, Duration ringTime) {
        int horizon = Math.max(STEP, Math.min(answers.liveQuantile(0.95), (int) ringTime.toSeconds()));
        horizon = Math.min(horizon, HandleStats.HORIZON - graceSeconds);
        int steps = horizon / STEP + 1;
        double[] mean = new double[steps];
        double[] var = new double[steps];
        double[] pNew = new double[steps];
        for (int k = 0; k < steps; k++) {
            int t = k * STEP;
            double m = 0;
            double v = 0;
            for (Duration r : s.ringing()) {
                double q = answers.liveWithin(r.toMillis() / 1000.0, t);
                m += q;
                v += q * (1 - q);
            }
            for (AgentView a : s.agents()) {
                double f = handles.freeWithin(a.phase(), a.inPhase().toMillis() / 1000.0, t + graceSeconds);
                m -= f;
                v += f * (1 - f);
            }
            mean[k] = m;
            var[k] = v;
            pNew[k] = answers.liveWithin(t);
        }
        double ringingAnswers = 0;
        for (Duration r : s.ringing()) {
            ringingAnswers += answers.liveWithin(r.toMillis() / 1000.0, AnswerStats.MAX_SECONDS);
        }
        double p = answers.liveRate();
        // the excess grows with n: binary search for the largest n within budget
        int lo = floor;
        int hi = Math.max(floor, ceiling);
        double loRisk = risk(mean, var, pNew, lo);
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            double r = risk(mean, var, pNew, mid);
            if (r <= Math.min(headroom, budget * Math.max(1, ringingAnswers + mid * p))) {
                lo = mid;
                loRisk = r;
            } else {
                hi = mid - 1;
            }
        }
        return new Plan(lo, loRisk, ringingAnswers + lo * p, horizon);
    }

    private static double risk(double[] mean, double[] var, double[] pNew, int n) {
        double worst = 0;
        for (int k = 0; k < mean.length; k++) {
            worst = Math.max(worst, expectedExcess(mean[k] + n * pNew[k], var[k] + n * pNew[k] * (1 - pNew[k])));
        }
        return worst;
    }

    /** E[max(0, X)] for X normal with this mean and variance. */
    static double expectedExcess(double mean, double variance) {
        if (variance < 1e-12) {
            return Math.max(0, mean);
        }
        double sd = Math.sqrt(variance);
        double z = mean / sd;
        return mean * cdf(z) + sd * Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    }

    /** Standard normal CDF (Abramowitz and Stegun 7.1.26, error under 1.5e-7). */
    static double cdf(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027
                + t * 1.061405429)))) * Math.exp(-x * x);
        return z >= 0 ? 1 - erfc / 2 : erfc / 2;
    }
}
