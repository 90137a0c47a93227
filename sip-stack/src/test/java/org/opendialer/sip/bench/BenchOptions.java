package org.opendialer.sip.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * Settings of {@link SipBench}, from {@code --name=value} arguments.
 *
 * @param holdSeconds    how long each step offers its rate (RFC 7502 test duration), default 10 s
 * @param ettMillis      establishment threshold time (RFC 7501): a call answered later counts as failed; also
 *                       SIPp's receive timeout. Default 5,000 ms
 * @param instances      SIPp instances per side (UAS for us; UAC and UAS pairs for Kamailio), default 2
 * @param start          first step's rate, calls/s, default 100 (then doubled until a step fails)
 * @param max            highest rate tried, default 10,000 calls/s
 * @param resolution     search stops when the gap is below this fraction of the rate, default 0.05
 * @param maxConcurrent  cap of the concurrent-calls phase, default 20,000 calls
 * @param concurrentRate call rate of the concurrent-calls phase, default 500 calls/s (at most half our found rate)
 * @param kamailio       false skips the Kamailio reference ({@code --kamailio=false})
 */
record BenchOptions(int holdSeconds, long ettMillis, int instances, int start, int max, double resolution,
                    int maxConcurrent, int concurrentRate, boolean kamailio) {

    static BenchOptions parse(String[] args) {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("expected --name=value, got '" + arg + "'");
            }
            a.put(kv[0], kv[1]);
        }
        BenchOptions o = new BenchOptions(i(a, "hold", 10), i(a, "ett-ms", 5_000), i(a, "instances", 2),
                i(a, "start", 100), i(a, "max", 10_000), Double.parseDouble(a.getOrDefault("resolution", "0.05")),
                i(a, "max-concurrent", 20_000), i(a, "concurrent-rate", 500),
                Boolean.parseBoolean(a.getOrDefault("kamailio", "true")));
        a.keySet().removeAll(java.util.Set.of("hold", "ett-ms", "instances", "start", "max", "resolution",
                "max-concurrent", "concurrent-rate", "kamailio"));
        if (!a.isEmpty()) {
            throw new IllegalArgumentException("unknown options " + a.keySet());
        }
        return o;
    }

    BenchOptions withHold(int seconds) {
        return new BenchOptions(seconds, ettMillis, instances, start, max, resolution, maxConcurrent,
                concurrentRate, kamailio);
    }

    private static int i(Map<String, String> a, String name, int fallback) {
        return a.containsKey(name) ? Integer.parseInt(a.get(name)) : fallback;
    }
}
