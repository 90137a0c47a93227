package org.opendialer.api.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.logging.LogManager;
import org.opendialer.api.config.LoggingConfig;
import org.slf4j.LoggerFactory;

/**
 * Applies the configured levels to logback and routes java.util.logging (used by jitsi-utils' context loggers
 * and some libraries) into it, keeping each record's call context.
 */
public final class LogSetup {

    private LogSetup() {
    }

    public static void apply(LoggingConfig config) {
        LogManager.getLogManager().reset();
        java.util.logging.Logger.getLogger("").addHandler(new ContextBridgeHandler());
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(config.level()));
        config.loggers().forEach((name, level) -> ctx.getLogger(name).setLevel(Level.toLevel(level)));
    }
}
