package org.opendialer.campaign.pacing;

import com.fasterxml.jackson.databind.EnumNamingStrategies;
import com.fasterxml.jackson.databind.annotation.EnumNaming;

/** How a campaign decides when to place calls; only {@link #POWER} and {@link #PREDICTIVE} dial ahead of agents. */
@EnumNaming(EnumNamingStrategies.CamelCaseStrategy.class)
public enum DialingMode {
    /** The agent sees the record first; the call is placed by the agent or by the auto-dial timer. */
    PREVIEW,
    /** One call per idle agent: a live answer always has its agent. */
    PROGRESSIVE,
    /** A fixed number of lines per idle agent. */
    POWER,
    /** As many calls as the statistics say agents will be free for, under the abandon cap. */
    PREDICTIVE,
    /** No agents: a fixed number of lines, live answers go to a flow or a message. */
    AGENTLESS;

    /** True for the modes that can connect a person when no agent is free, so the abandon cap governs them. */
    public boolean dialsAhead() {
        return this == POWER || this == PREDICTIVE;
    }

    /** True for the modes whose live answers go to the agents of an ACD queue. */
    public boolean needsAgents() {
        return this != AGENTLESS;
    }
}
