package org.opendialer.api.config;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Log levels.
 *
 * @param level   root level
 * @param loggers per logger-name levels, e.g. {@code org.opendialer.sip: DEBUG}
 */
public record LoggingConfig(String level, Map<String, String> loggers) {

    private static final Set<String> LEVELS = Set.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE", "OFF");

    public LoggingConfig {
        level = checkLevel("level", level);
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
}
