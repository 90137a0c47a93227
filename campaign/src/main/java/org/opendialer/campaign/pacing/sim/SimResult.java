package org.opendialer.campaign.pacing.sim;

import org.opendialer.campaign.pacing.DialingMode;

/**
 * What one simulated run counted. Agent times are summed over agents; {@code cappedSeconds} is how long the
 * governor held the pacer at 1:1 because the cap was reached.
 */
public record SimResult(DialingMode mode, double hours, int agents, long dials, long liveAnswers, long abandons,
                        double talkSeconds, double wrapSeconds, double idleSeconds, long cappedSeconds) {

    public double agentHours() {
        return hours * agents;
    }

    public double dialsPerHour() {
        return dials / hours;
    }

    /** Share of the run the governor held the pacer at 1:1 because the cap was reached. */
    public double cappedShare() {
        return cappedSeconds / (hours * 3600);
    }

    public double abandonRate() {
        return liveAnswers == 0 ? 0 : (double) abandons / liveAnswers;
    }

    public double dialsPerAgentHour() {
        return agents == 0 ? 0 : dials / agentHours();
    }

    /** Live answers that reached an agent, per agent-hour. */
    public double callsPerAgentHour() {
        return agents == 0 ? 0 : (liveAnswers - abandons) / agentHours();
    }

    public double talkMinutesPerAgentHour() {
        return agents == 0 ? 0 : talkSeconds / 60 / agentHours();
    }

    /** Share of agent time talking or wrapping up. */
    public double utilisation() {
        return agents == 0 ? 0 : (talkSeconds + wrapSeconds) / (agentHours() * 3600);
    }

    public double idleShare() {
        return agents == 0 ? 0 : idleSeconds / (agentHours() * 3600);
    }
}
