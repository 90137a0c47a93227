package org.opendialer.acd.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The routing rule, as pure code: interactions in order of priority (highest first) then wait (longest first);
 * each goes to the longest-idle available member of its queue holding every skill it requires (after
 * relaxation), ties on idle time broken by the best total proficiency in those skills. Greedy: an agent takes at
 * most one offer per decision. No clock of its own: {@code now} only decides relaxation.
 *
 * <p>Skills are mapped to bits once per decision, so the match of one agent is a few word ANDs; the agents of
 * each queue are sorted by idle time once, so an interaction stops scanning at its first match (and the equally
 * idle ones after it). Idle and wait times count in microseconds, as PostgreSQL stores them.
 */
public final class RoutingDecision {

    /** An interaction waiting in a queue. {@code skills}: the skill ids it requires (at most 5 by contract). */
    public record Waiting(UUID id, UUID queueId, int priority, Instant enqueuedAt, Set<UUID> skills) {
    }

    /** An available agent: since when it is idle, its skills with proficiency (0-5), its queues. */
    public record Idle(UUID id, Instant idleSince, Map<UUID, Integer> skills, Set<UUID> queues) {
    }

    /**
     * A queue's skill relaxation: once an interaction waited {@code after}, the skills in {@code removes} (all of
     * them when empty) are no longer required.
     */
    public record Relaxation(Duration after, Set<UUID> removes) {
    }

    public record Offer(UUID interactionId, UUID agentId) {
    }

    private RoutingDecision() {
    }

    /** The offers to make now; interactions without a matching free agent keep waiting. */
    public static List<Offer> decide(List<Waiting> waiting, List<Idle> agents, Map<UUID, Relaxation> relaxations, Instant now) {
        if (waiting.isEmpty() || agents.isEmpty()) {
            return List.of();
        }
        Map<UUID, Integer> bit = new HashMap<>();
        for (Idle a : agents) {
            a.skills().keySet().forEach(s -> bit.putIfAbsent(s, bit.size()));
        }
        int words = (bit.size() + 63) / 64 + 1; // +1 word: skills no agent holds
        // sorted once on primitive keys: the comparator chains over Instants cost more than the matching
        int n = agents.size();
        Idle[] sorted = agents.toArray(Idle[]::new);
        long[] idleKey = new long[n];
        for (int i = 0; i < n; i++) {
            idleKey[i] = micros(sorted[i].idleSince());
        }
        int[] byIdle = sortedIndexes(idleKey, null);
        long[][] masks = new long[n][];
        Map<UUID, int[]> members = new HashMap<>();
        Map<UUID, Integer> memberCount = new HashMap<>();
        for (Idle a : sorted) {
            a.queues().forEach(q -> memberCount.merge(q, 1, Integer::sum));
        }
        Map<UUID, long[]> unions = new HashMap<>();
        for (int rank = 0; rank < n; rank++) {
            int i = byIdle[rank];
            masks[i] = mask(sorted[i].skills().keySet(), bit, words);
            for (UUID q : sorted[i].queues()) {
                int[] list = members.computeIfAbsent(q, k -> new int[memberCount.get(k) + 1]);
                list[++list[0]] = i; // list[0] holds the count
                long[] union = unions.computeIfAbsent(q, k -> new long[words]);
                for (int x = 0; x < words; x++) {
                    union[x] |= masks[i][x];
                }
            }
        }
        Waiting[] order = waiting.toArray(Waiting[]::new);
        long[] since = new long[order.length];
        int[] negPriority = new int[order.length];
        for (int k = 0; k < order.length; k++) {
            since[k] = micros(order[k].enqueuedAt());
            negPriority[k] = -order[k].priority();
        }
        int[] byOrder = sortedIndexes(since, negPriority);
        boolean[] taken = new boolean[n];
        int free = n;
        List<Offer> offers = new ArrayList<>();
        for (int k = 0; k < order.length && free > 0; k++) {
            Waiting w = order[byOrder[k]];
            int[] queue = members.get(w.queueId());
            if (queue == null) {
                continue;
            }
            Set<UUID> required = required(w, relaxations.get(w.queueId()), now);
            long[] need = mask(required, bit, words);
            long[] union = unions.get(w.queueId());
            int best = covers(union, need) ? pick(sorted, idleKey, masks, taken, queue, union, need, required) : -1;
            if (best >= 0) {
                taken[best] = true;
                free--;
                offers.add(new Offer(w.id(), sorted[best].id()));
            }
        }
        return offers;
    }

    /**
     * Indexes ordered by ({@code major}, {@code key}, index). Keys are packed with their index into one long and
     * sorted as primitives (a boxed comparator sort was most of a decision's cost); then a stable bucket pass by
     * {@code major} (a handful of priorities) keeps that order within each bucket.
     */
    static int[] sortedIndexes(long[] key, int[] major) {
        int n = key.length;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long k : key) {
            min = Math.min(min, k);
            max = Math.max(max, k);
        }
        int[] out = new int[n];
        if (n < (1 << 20) && max - min < (1L << 43)) { // 2^43 us: 100 days apart
            long[] packed = new long[n];
            for (int i = 0; i < n; i++) {
                packed[i] = ((key[i] - min) << 20) | i;
            }
            Arrays.sort(packed);
            for (int i = 0; i < n; i++) {
                out[i] = (int) (packed[i] & ((1 << 20) - 1));
            }
        } else {
            Integer[] boxed = new Integer[n];
            for (int i = 0; i < n; i++) {
                boxed[i] = i;
            }
            Arrays.sort(boxed, (x, y) -> key[x] != key[y] ? Long.compare(key[x], key[y]) : Integer.compare(x, y));
            for (int i = 0; i < n; i++) {
                out[i] = boxed[i];
            }
        }
        if (major == null) {
            return out;
        }
        int[] levels = Arrays.stream(major).distinct().sorted().toArray();
        if (levels.length == 1) {
            return out;
        }
        int[] start = new int[levels.length + 1];
        for (int m : major) {
            start[Arrays.binarySearch(levels, m) + 1]++;
        }
        for (int l = 0; l < levels.length; l++) {
            start[l + 1] += start[l];
        }
        int[] bucketed = new int[n];
        for (int i : out) {
            bucketed[start[Arrays.binarySearch(levels, major[i])]++] = i;
        }
        return bucketed;
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }

    /** The skills {@code w} still requires at {@code now}. */
    public static Set<UUID> required(Waiting w, Relaxation r, Instant now) {
        if (r == null || w.skills().isEmpty() || Duration.between(w.enqueuedAt(), now).compareTo(r.after()) < 0) {
            return w.skills();
        }
        if (r.removes().isEmpty()) {
            return Set.of();
        }
        Set<UUID> kept = new java.util.HashSet<>(w.skills());
        kept.removeAll(r.removes());
        return kept;
    }

    /**
     * First free member (longest idle) whose skills cover {@code need}; among equally idle ones the most
     * proficient. Drops taken members from {@code queue} as it goes, and a scan that reaches the end recomputes
     * the queue's {@code union} of free skills, so later interactions no free member can take are refused at once.
     */
    private static int pick(Idle[] agents, long[] idleKey, long[][] masks, boolean[] taken, int[] queue, long[] union,
                            long[] need, Set<UUID> required) {
        int best = -1;
        int bestScore = -1;
        int count = queue[0];
        int kept = 0;
        long[] free = new long[union.length];
        for (int m = 1; m <= count; m++) {
            int i = queue[m];
            if (taken[i]) {
                continue;
            }
            if (best >= 0 && idleKey[i] != idleKey[best]) {
                System.arraycopy(queue, m, queue, kept + 1, count - m + 1);
                queue[0] = kept + count - m + 1;
                return best;
            }
            queue[++kept] = i;
            for (int x = 0; x < free.length; x++) {
                free[x] |= masks[i][x];
            }
            if (!covers(masks[i], need)) {
                continue;
            }
            int score = 0;
            for (UUID s : required) {
                score += agents[i].skills().getOrDefault(s, 0);
            }
            if (score > bestScore) {
                best = i;
                bestScore = score;
            }
        }
        queue[0] = kept;
        if (best < 0) {
            System.arraycopy(free, 0, union, 0, free.length);
        }
        return best;
    }

    private static boolean covers(long[] have, long[] need) {
        for (int i = 0; i < need.length; i++) {
            if ((have[i] & need[i]) != need[i]) {
                return false;
            }
        }
        return true;
    }

    private static long[] mask(Set<UUID> skills, Map<UUID, Integer> bit, int words) {
        long[] m = new long[words];
        for (UUID s : skills) {
            Integer b = bit.get(s);
            // a skill no agent holds lands in the last word, which no agent's mask has set
            int at = b == null ? (words - 1) * 64 : b;
            m[at >>> 6] |= 1L << (at & 63);
        }
        return m;
    }
}
