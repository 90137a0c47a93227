package org.opendialer.api.config;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Log levels and line format.
 *
 * @param level   root level
 * @param loggers per logger-name levels, e.g. {@code org.opendialer.sip: DEBUG}
 * @param format  {@code text} (one readable line) or {@code json} (one JSON object per line, for log collectors)
 */
public record LoggingConfig(String level, Map<String, String> loggers, String format) {

    private static final Set<String> LEVELS = Set.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE", "OFF");
    public static final String TEXT = "text";
    public static final String JSON = "json";

    public LoggingConfig {
        level = checkLevel("level", level);
        format = format == null ? TEXT : format.toLowerCase(Locale.ROOT);
        if (!format.equals(TEXT) && !format.equals(JSON)) {
            throw new IllegalArgumentException("format: must be text or json, was '" + format + "'");
        }
        loggers = loggers == null ? Map.of() : Map.copyOf(loggers);
        loggers.forEach((name, lvl) -> checkLevel("loggers." + name, lvl));
    }

    private static String checkLevel(String field, String level) {
        String upper = level == null ? "" : level.toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(upper)) {
            throw new IllegalArgumentException(field + ": must be one of ERROR, WARN, INFO, DEBUG, TRACE, OFF, was '" + level + "'");
        }
        return upper;
    }

    public boolean json() {
        return JSON.equals(format);
    }
}
