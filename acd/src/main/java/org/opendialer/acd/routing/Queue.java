package org.opendialer.acd.routing;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A stored queue: its settings, the resource fields, and how many members it has. */
public record Queue(UUID id, Settings settings, Instant dateCreated, Instant dateModified, int version, int memberCount) {

    /**
     * What a queue is configured with.
     *
     * @param priority                default priority of the interactions entering it (higher goes first)
     * @param alertingTimeoutSeconds  how long an agent's phone rings before the offer goes back to the queue
     * @param wrapupTimeoutSeconds    wrap-up time limit; then the agent is available again (0: at the next tick)
     * @param relaxAfterSeconds       wait after which skills relax; null: never
     * @param relaxSkillIds           the skills that relax; empty: all of them
     * @param timeoutSeconds          wait after which the interaction leaves for the overflow; null: never
     * @param overflowQueueId         where a timed-out interaction goes (wins over the flow)
     * @param overflowFlowId          else the flow it is handed to (the IVR layer picks it up)
     * @param musicOnHold             prompt played while waiting; null: the default music
     * @param announceIntervalSeconds how often the position and/or the wait time are announced
     */
    public record Settings(String name, String description, int priority, int alertingTimeoutSeconds,
                           int wrapupTimeoutSeconds, Integer relaxAfterSeconds, Set<UUID> relaxSkillIds,
                           Integer timeoutSeconds, UUID overflowQueueId, String overflowFlowId, String musicOnHold,
                           boolean announcePosition, boolean announceWaitTime, int announceIntervalSeconds) {

        public Settings {
            relaxSkillIds = relaxSkillIds == null ? Set.of() : Set.copyOf(relaxSkillIds);
            if (name == null || name.isBlank() || name.strip().length() > 100) {
                throw new IllegalArgumentException("name: 1..100 characters");
            }
            name = name.strip();
            if (alertingTimeoutSeconds < 1) {
                throw new IllegalArgumentException("alertingTimeoutSeconds: at least 1");
            }
            if (wrapupTimeoutSeconds < 0) {
                throw new IllegalArgumentException("acwSettings.timeoutSeconds: 0 or more");
            }
            if (relaxAfterSeconds != null && relaxAfterSeconds < 1) {
                throw new IllegalArgumentException("skillRelaxation.afterSeconds: at least 1");
            }
            if (timeoutSeconds != null && timeoutSeconds < 1) {
                throw new IllegalArgumentException("queueTimeout.afterSeconds: at least 1");
            }
            if (announceIntervalSeconds < 1) {
                throw new IllegalArgumentException("announcements.intervalSeconds: at least 1");
            }
        }

        /** Defaults for everything but the name. */
        public static Settings named(String name) {
            return new Settings(name, null, 0, 8, 60, null, Set.of(), null, null, null, null, false, false, 30);
        }

        public Settings withRelaxation(Integer afterSeconds, Set<UUID> skills) {
            return new Settings(name, description, priority, alertingTimeoutSeconds, wrapupTimeoutSeconds, afterSeconds,
                    skills, timeoutSeconds, overflowQueueId, overflowFlowId, musicOnHold, announcePosition,
                    announceWaitTime, announceIntervalSeconds);
        }

        public Settings withTimeout(Integer afterSeconds, UUID overflowQueue, String overflowFlow) {
            return new Settings(name, description, priority, alertingTimeoutSeconds, wrapupTimeoutSeconds,
                    relaxAfterSeconds, relaxSkillIds, afterSeconds, overflowQueue, overflowFlow, musicOnHold,
                    announcePosition, announceWaitTime, announceIntervalSeconds);
        }

        public Settings withTimers(int priority, int alertingTimeoutSeconds, int wrapupTimeoutSeconds) {
            return new Settings(name, description, priority, alertingTimeoutSeconds, wrapupTimeoutSeconds,
                    relaxAfterSeconds, relaxSkillIds, timeoutSeconds, overflowQueueId, overflowFlowId, musicOnHold,
                    announcePosition, announceWaitTime, announceIntervalSeconds);
        }
    }
}
