package org.opendialer.acd.routing;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * An interaction in the ACD. {@code state}: WAITING, OFFERED, CONNECTED, ENDED, ABANDONED, OVERFLOWED (handed to
 * {@code overflowFlowId}) or TIMED_OUT.
 */
public record Interaction(UUID id, UUID queueId, int priority, Set<UUID> skills, String state, Instant enqueuedAt,
                          UUID agentId, int offerCount, String overflowFlowId, UUID wrapupCodeId, String wrapupNotes) {
}
