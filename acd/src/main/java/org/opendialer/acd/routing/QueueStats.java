package org.opendialer.acd.routing;

import java.util.Map;

/**
 * A queue's figures at one moment.
 *
 * @param longestWaitSeconds wait of its oldest waiting interaction, 0 when none waits
 * @param abandoned          interactions whose caller hung up before an agent answered, since the queue exists
 * @param membersByState     its members counted by routing state (states with none are absent)
 */
public record QueueStats(long waiting, long longestWaitSeconds, long abandoned, Map<AgentState, Integer> membersByState) {
}
