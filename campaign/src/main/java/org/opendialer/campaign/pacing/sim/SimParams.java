package org.opendialer.campaign.pacing.sim;

import java.time.Duration;

/**
 * One simulated campaign: the agents and the contacts they call. Times to answer, talk and wrap-up are log-normal
 * with these means (coefficients of variation 0.5, 0.8 and 0.5: long-tailed like real calls); a call whose drawn
 * time to answer exceeds the ring time is not answered. Contacts are endless and independent.
 *
 * @param answerRate  share of calls a person answers
 * @param machineRate share answered by a machine (no agent needed)
 * @param busyRate    share busy or failed within a few seconds
 * @param messageTime how long an agentless line plays the flow or message after an answer
 */
public record SimParams(int agents, double answerRate, double machineRate, double busyRate, Duration meanAnswer,
                        Duration meanTalk, Duration meanWrap, Duration messageTime, Duration length, long seed) {

    public SimParams {
        if (agents < 0) {
            throw new IllegalArgumentException("agents must be zero or more, got " + agents);
        }
        if (answerRate <= 0 || machineRate < 0 || busyRate < 0 || answerRate + machineRate + busyRate > 1) {
            throw new IllegalArgumentException("answer, machine and busy rates must be shares summing to at most 1,"
                    + " with a positive answer rate; got " + answerRate + ", " + machineRate + ", " + busyRate);
        }
        for (Duration d : new Duration[] {meanAnswer, meanTalk, meanWrap, messageTime, length}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("durations must be positive, got " + d);
            }
        }
    }

    /** The benchmark: 20 agents, 30 % live answers, 180 s handling (150 s talk + 30 s wrap-up), 8 h. */
    public static SimParams defaults() {
        return new SimParams(20, 0.30, 0.15, 0.10, Duration.ofSeconds(8), Duration.ofSeconds(150),
                Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofHours(8), 1);
    }

    public SimParams withAgents(int n) {
        return new SimParams(n, answerRate, machineRate, busyRate, meanAnswer, meanTalk, meanWrap, messageTime,
                length, seed);
    }

    public SimParams withAnswerRate(double live) {
        return new SimParams(agents, live, machineRate, busyRate, meanAnswer, meanTalk, meanWrap, messageTime,
                length, seed);
    }

    public SimParams withHandling(Duration talk, Duration wrap) {
        return new SimParams(agents, answerRate, machineRate, busyRate, meanAnswer, talk, wrap, messageTime, length,
                seed);
    }

    public SimParams withLength(Duration d) {
        return new SimParams(agents, answerRate, machineRate, busyRate, meanAnswer, meanTalk, meanWrap, messageTime,
                d, seed);
    }

    public SimParams withSeed(long s) {
        return new SimParams(agents, answerRate, machineRate, busyRate, meanAnswer, meanTalk, meanWrap, messageTime,
                length, s);
    }
}
