package org.opendialer.campaign.calls;

/**
 * Voice notification settings.
 *
 * @param defaultRegion ISO 3166 region for numbers written without a country code (default US)
 */
public record CallsConfig(String defaultRegion) {

    public CallsConfig {
        defaultRegion = defaultRegion == null || defaultRegion.isBlank() ? "US" : defaultRegion;
        if (!defaultRegion.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("defaultRegion: a two-letter ISO 3166 region such as US, was '"
                    + defaultRegion + "'");
        }
    }

    public static CallsConfig defaults() {
        return new CallsConfig("US");
    }
}
