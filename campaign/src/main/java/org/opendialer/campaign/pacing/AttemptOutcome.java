package org.opendialer.campaign.pacing;

/** How a placed call ended its ringing phase, as far as pacing cares. */
public enum AttemptOutcome {
    /** A person answered: needs an agent (or the agentless flow) within the grace time. */
    LIVE,
    /** An answering machine: the message after the beep or a hang-up, no agent. */
    MACHINE,
    BUSY,
    /** Rang the whole ring time. */
    NO_ANSWER,
    /** SIT, network failure, rejected. */
    FAILED
}
