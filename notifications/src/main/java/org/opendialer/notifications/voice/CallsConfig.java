package org.opendialer.notifications.voice;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Voice notification settings.
 *
 * @param defaultRegion ISO 3166 region for numbers written without a country code (default US)
 * @param nodeId        this node's name on the calls it runs; at start a node ends only its own calls left
 *                      unfinished by a crash. Empty = the host name, which is enough for one node per host; nodes
 *                      sharing a database on one host need distinct ids. Must stay the same across restarts.
 */
public record CallsConfig(String defaultRegion, String nodeId) {

    public CallsConfig {
        defaultRegion = defaultRegion == null || defaultRegion.isBlank() ? "US" : defaultRegion;
        if (!defaultRegion.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("defaultRegion: a two-letter ISO 3166 region such as US, was '"
                    + defaultRegion + "'");
        }
        nodeId = nodeId == null || nodeId.isBlank() ? hostName() : nodeId.strip();
    }

    public static CallsConfig defaults() {
        return new CallsConfig("US", "");
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "localhost" : env;
        }
    }
}
