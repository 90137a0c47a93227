package org.opendialer.campaign.pacing;

import java.time.Duration;
import java.util.Arrays;

/**
 * Talk and wrap-up times of the latest {@value #SIZE} handled calls, and from them, with no assumed distribution,
 * the chance that an agent who has talked {@code e} seconds (or wrapped up {@code w}) is free within the next
 * {@code d}: the residual time, which for long-tailed talk times grows as the call goes on. Tables are on a
 * one-second grid, {@code d} up to {@value #HORIZON} s, rebuilt every {@value #REBUILD_EVERY} calls; beyond the
 * longest measured call an agent counts as not about to be free, the cautious side.
 */
final class HandleStats {

    static final int SIZE = 500;
    static final int HORIZON = 64;
    static final int MAX_TALK = 3600;
    static final int MAX_WRAP = 900;
    static final int REBUILD_EVERY = 10;

    private final double[] talk = new double[SIZE];
    private final double[] wrap = new double[SIZE];
    private int count;
    private int next;
    private int sinceBuild;
    private final Residual talking = new Residual(MAX_TALK);
    private final Residual wrapping = new Residual(MAX_WRAP);

    void record(Duration talked, Duration wrapped) {
        talk[next] = talked.toMillis() / 1000.0;
        wrap[next] = wrapped.toMillis() / 1000.0;
        next = (next + 1) % SIZE;
        count = Math.min(count + 1, SIZE);
        if (++sinceBuild >= REBUILD_EVERY || count < REBUILD_EVERY) {
            sinceBuild = 0;
            double[] total = new double[count];
            for (int i = 0; i < count; i++) {
                total[i] = talk[i] + wrap[i];
            }
            talking.build(talk, total, count);
            wrapping.build(wrap, wrap, count);
        }
    }

    int samples() {
        return count;
    }

    /** P(an agent in this phase for {@code elapsed} seconds is free within {@code d} more seconds). */
    double freeWithin(AgentView.Phase phase, double elapsed, int d) {
        return switch (phase) {
            case IDLE -> 1;
            case AWAY -> 0;
            case TALKING -> talking.p(elapsed, d);
            case WRAPPING -> wrapping.p(elapsed, d);
        };
    }

    /** P(end <= e + d | start-of-phase survival > e) from samples of (phase length, time to free). */
    private static final class Residual {
        private final int max;
        private final int[] den;
        private final int[] num;

        Residual(int max) {
            this.max = max;
            this.den = new int[max + 2];
            this.num = new int[(max + 2) * (HORIZON + 1)];
        }

        /** length[i]: how long the phase lasted; free[i]: seconds from the phase start to the agent being free. */
        void build(double[] length, double[] free, int n) {
            Arrays.fill(den, 0);
            Arrays.fill(num, 0);
            // difference arrays along e, summed afterwards: O(n * HORIZON + max * HORIZON)
            for (int i = 0; i < n; i++) {
                int last = Math.min(max, (int) Math.ceil(length[i]) - 1); // phase still on at whole second e <= last
                if (last < 0) {
                    continue;
                }
                den[0]++;
                den[last + 1]--;
                for (int d = 0; d <= HORIZON; d++) {
                    int first = Math.max(0, (int) Math.ceil(free[i] - d));
                    if (first <= last) {
                        num[first * (HORIZON + 1) + d]++;
                        num[(last + 1) * (HORIZON + 1) + d]--;
                    }
                }
            }
            for (int e = 1; e <= max + 1; e++) {
                den[e] += den[e - 1];
                for (int d = 0; d <= HORIZON; d++) {
                    num[e * (HORIZON + 1) + d] += num[(e - 1) * (HORIZON + 1) + d];
                }
            }
        }

        double p(double elapsed, int d) {
            int e = (int) elapsed;
            if (e > max || den[e] == 0) {
                return 0;
            }
            return (double) num[e * (HORIZON + 1) + Math.min(d, HORIZON)] / den[e];
        }
    }
}
