package org.opendialer.acd.routing;

import java.time.Instant;
import java.util.UUID;

/**
 * An agent (a user of the platform) and its routing state.
 *
 * @param sipUser       the username of its phone's SIP credentials; null: none yet
 * @param stateUntil    end of the current alert or wrap-up, else null
 * @param idleSince     when it last became available (longest idle is offered first)
 * @param interactionId the interaction offered to it or in its hands, else null
 */
public record Agent(UUID id, String name, String email, String sipUser, AgentState state, String stateReason,
                    Instant stateSince, Instant stateUntil, Instant idleSince, UUID interactionId,
                    Instant dateCreated, Instant dateModified, int version) {

    /** One of its skills. */
    public record Skill(UUID skillId, String name, int proficiency) {
    }
}
