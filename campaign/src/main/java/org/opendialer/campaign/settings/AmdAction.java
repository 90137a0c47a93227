package org.opendialer.campaign.settings;

import com.fasterxml.jackson.databind.EnumNamingStrategies;
import com.fasterxml.jackson.databind.annotation.EnumNaming;

/** What an agentless campaign does with an answer, per AMD result. */
@EnumNaming(EnumNamingStrategies.CamelCaseStrategy.class)
public enum AmdAction {
    /** End the call at once. */
    HANG_UP,
    /** Play the campaign's message now (a person), then hang up. */
    MESSAGE,
    /** Machines only: wait for the end of the greeting (beep or silence), then play the message. */
    MESSAGE_AFTER_BEEP,
    /** Hand the call to the campaign's flow. */
    FLOW
}
