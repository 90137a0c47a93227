package org.opendialer.sip.transport;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.opendialer.sip.SipStats.Refusal;

/**
 * Counts refused requests by reason and logs them so that a flood cannot fill the disk: the first refusal from a
 * source is logged in full, then {@link #summarize()} (called every {@link #INTERVAL_SECONDS} s) writes at most one
 * line per reason: {@code refused N INVITEs from untrusted sources (M sources) in the last 10 s, top: ...}.
 * Memory stays bounded whatever the number of (possibly spoofed) sources: {@link #MAX_TRACKED} remembered sources
 * and at most {@link #MAX_FIRST_LINES} first-refusal lines per interval. Thread-safe.
 */
final class Refusals {

    static final int INTERVAL_SECONDS = 10;
    static final int MAX_TRACKED = 4_096;
    static final int MAX_FIRST_LINES = 5;
    private static final int TOP = 3;

    private final Consumer<String> info;
    private final LongSupplier nanoClock;
    private final Map<Refusal, Long> totals = new EnumMap<>(Refusal.class);
    private final Map<Refusal, Map<String, Integer>> window = new EnumMap<>(Refusal.class);
    private final Map<Refusal, Integer> untracked = new EnumMap<>(Refusal.class);
    private final Map<String, Boolean> seen = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_TRACKED;
        }
    };
    private int firstLines;
    private long windowStart;

    Refusals(Consumer<String> info, LongSupplier nanoClock) {
        this.info = info;
        this.nanoClock = nanoClock;
        this.windowStart = nanoClock.getAsLong();
        for (Refusal r : Refusal.values()) {
            totals.put(r, 0L);
            window.put(r, new HashMap<>());
            untracked.put(r, 0);
        }
    }

    /**
     * Counts one refusal of {@code source} (an address: the unit a flood is summarised by) and logs
     * {@code firstLine} if this source was not refused recently.
     */
    void refused(Refusal reason, String source, Supplier<String> firstLine) {
        boolean logNow;
        synchronized (this) {
            totals.merge(reason, 1L, Long::sum);
            String key = reason + " " + source;
            logNow = seen.put(key, Boolean.TRUE) == null && firstLines < MAX_FIRST_LINES;
            if (logNow) {
                firstLines++;
            } else {
                Map<String, Integer> counts = window.get(reason);
                if (counts.containsKey(source) || counts.size() < MAX_TRACKED) {
                    counts.merge(source, 1, Integer::sum);
                } else {
                    untracked.merge(reason, 1, Integer::sum);
                }
            }
        }
        if (logNow) {
            info.accept(firstLine.get());
        }
    }

    /** Logs one line per reason for the refusals not logged one by one since the last call, and starts anew. */
    void summarize() {
        Map<Refusal, String> lines = new EnumMap<>(Refusal.class);
        synchronized (this) {
            long now = nanoClock.getAsLong();
            long seconds = Math.max(1, Math.round((now - windowStart) / (double) TimeUnit.SECONDS.toNanos(1)));
            for (Refusal reason : Refusal.values()) {
                Map<String, Integer> counts = window.get(reason);
                int others = untracked.get(reason);
                int total = counts.values().stream().mapToInt(Integer::intValue).sum() + others;
                if (total > 0) {
                    lines.put(reason, line(reason, total, counts, others, seconds));
                }
                counts.clear();
                untracked.put(reason, 0);
            }
            firstLines = 0;
            windowStart = now;
        }
        lines.values().forEach(info);
    }

    private static String line(Refusal reason, int total, Map<String, Integer> counts, int others, long seconds) {
        String top = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP).map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", "));
        String sources = counts.size() + (others > 0 ? "+" : "") + (counts.size() == 1 && others == 0 ? " source" : " sources");
        return "refused " + total + " " + what(reason) + " (" + sources + ") in the last " + seconds + " s, top: " + top;
    }

    private static String what(Refusal reason) {
        return switch (reason) {
            case UNTRUSTED_SOURCE -> "INVITEs from untrusted sources";
            case BAD_CREDENTIALS -> "REGISTERs with bad credentials";
            case THROTTLED -> "REGISTERs while their source or user backs off";
            case OVERLOAD -> "INVITEs with 503 while too many new calls waited for set-up";
        };
    }

    /** Every reason's count since start. */
    synchronized Map<Refusal, Long> totals() {
        return Map.copyOf(totals);
    }
}
