package org.opendialer.sip.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 7502-style search for the highest session-establishment rate: each step offers one rate for the whole hold
 * time and passes only when every call of the step succeeded. Rates double from {@code start} until a step fails,
 * then a binary search narrows the gap between the last pass and the first failure to {@code resolution} (a
 * fraction of the rate), and the result is confirmed by running it once more (stepping down 5% while that fails).
 */
final class StepSearch {

    /** One step's outcome; {@code detail} says why it failed or how it went. */
    record Step(int rate, boolean passed, String detail) { }

    /** Runs one step at {@code rate} calls/s. */
    @FunctionalInterface
    interface Trial {
        Step run(int rate);
    }

    /** The found rate (0 when not even the lowest rate passed) and every step run, in order. */
    record Result(int rate, List<Step> steps) { }

    private StepSearch() { }

    static Result search(String label, Trial trial, int start, int max, double resolution) {
        List<Step> steps = new ArrayList<>();
        int lastPass = 0;
        int firstFail = max + 1;
        for (int rate = start; rate <= max; rate = rate >= max ? max + 1 : Math.min(max, rate * 2)) {
            if (run(label, trial, rate, steps)) {
                lastPass = rate;
            } else {
                firstFail = rate;
                break;
            }
        }
        while (firstFail <= max && firstFail - lastPass > Math.max(1, lastPass * resolution)) {
            int mid = (lastPass + firstFail) / 2;
            if (mid == lastPass) {
                break;
            }
            if (run(label, trial, mid, steps)) {
                lastPass = mid;
            } else {
                firstFail = mid;
            }
        }
        for (int tries = 0; lastPass > 0 && tries < 3; tries++) {
            if (run(label, trial, lastPass, steps)) {
                return new Result(lastPass, steps);
            }
            lastPass = (int) (lastPass * 0.95);
        }
        return new Result(0, steps);
    }

    private static boolean run(String label, Trial trial, int rate, List<Step> steps) {
        settle();
        Step s = trial.run(rate);
        steps.add(s);
        System.out.printf("  %-9s %5d calls/s: %s  %s%n", label, rate, s.passed() ? "PASS" : "FAIL", s.detail());
        return s.passed();
    }

    /**
     * Lets the previous step's leftovers (an overloaded step leaves 100,000 legs and late datagrams behind) drain and
     * be collected, so they do not count against the next step.
     */
    static void settle() {
        System.gc();
        BenchProcess.sleepMillis(3_000);
    }
}
