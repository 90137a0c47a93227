package org.opendialer.api.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.logging.LogManager;
import org.opendialer.api.config.LoggingConfig;
import org.slf4j.LoggerFactory;

/**
 * Applies the configured levels and line format to logback and routes java.util.logging (used by jitsi-utils'
 * context loggers and some libraries) into it, keeping each record's call context.
 */
public final class LogSetup {

    /** The text line of logback.xml, for a process that switches back from JSON (tests do). */
    public static final String TEXT_PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{30} - %msg %kvp%replace( contextId=%X{contextId}){' contextId=$', ''}%n";
    static final String CONSOLE = "CONSOLE";

    private LogSetup() {
    }

    public static void apply(LoggingConfig config) {
        LogManager.getLogManager().reset();
        java.util.logging.Logger.getLogger("").addHandler(new ContextBridgeHandler(!config.json()));
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(config.level()));
        config.loggers().forEach((name, level) -> ctx.getLogger(name).setLevel(Level.toLevel(level)));
        // logback.xml writes text; only a switch to JSON, or back from it, touches the encoder.
        if (root.getAppender(CONSOLE) instanceof OutputStreamAppender<ILoggingEvent> console
                && config.json() != console.getEncoder() instanceof JsonEncoder) {
            setEncoder(console, config.json() ? json(ctx) : text(ctx));
        }
    }

    private static void setEncoder(OutputStreamAppender<ILoggingEvent> appender, Encoder<ILoggingEvent> encoder) {
        appender.stop();
        appender.setEncoder(encoder);
        appender.start();
    }

    /** Logback's own JSON lines; the message formatted once (not pattern + arguments), MDC and key-values kept. */
    private static Encoder<ILoggingEvent> json(LoggerContext ctx) {
        JsonEncoder e = new JsonEncoder();
        e.setContext(ctx);
        e.setWithSequenceNumber(false);
        e.setWithNanoseconds(false);
        e.setWithContext(false);
        e.setWithMessage(false);
        e.setWithArguments(false);
        e.setWithFormattedMessage(true);
        e.start();
        return e;
    }

    private static Encoder<ILoggingEvent> text(LoggerContext ctx) {
        PatternLayoutEncoder e = new PatternLayoutEncoder();
        e.setContext(ctx);
        e.setPattern(TEXT_PATTERN);
        e.start();
        return e;
    }
}
