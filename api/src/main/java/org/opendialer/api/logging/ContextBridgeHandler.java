package org.opendialer.api.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jitsi.utils.logging2.ContextLogRecord;
import org.slf4j.MDC;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Forwards java.util.logging records to SLF4J and keeps the context of jitsi-utils child loggers
 * ({@code [callId=… campaignId=…]}): as MDC entries for the record (JSON logs show them as fields) and, for text
 * logs, also at the head of the message, where the plain bridge would drop it.
 */
final class ContextBridgeHandler extends SLF4JBridgeHandler {

    private static final Pattern ENTRY = Pattern.compile("([^\\s\\[\\]=]+)=([^\\s\\[\\]]*)");

    private final boolean contextInMessage;

    ContextBridgeHandler(boolean contextInMessage) {
        this.contextInMessage = contextInMessage;
    }

    @Override
    public void publish(LogRecord record) {
        if (!(record instanceof ContextLogRecord c) || c.getContext() == null || c.getContext().isEmpty()) {
            super.publish(record);
            return;
        }
        List<MDC.MDCCloseable> entries = new ArrayList<>();
        Matcher m = ENTRY.matcher(c.getContext());
        while (m.find()) {
            if (MDC.get(m.group(1)) == null) {
                entries.add(MDC.putCloseable(m.group(1), m.group(2)));
            }
        }
        try {
            super.publish(contextInMessage ? withMessage(record, c.getContext() + " " + record.getMessage()) : record);
        } finally {
            entries.forEach(MDC.MDCCloseable::close);
        }
    }

    private static LogRecord withMessage(LogRecord record, String message) {
        LogRecord copy = new LogRecord(record.getLevel(), message);
        copy.setLoggerName(record.getLoggerName());
        copy.setThrown(record.getThrown());
        copy.setParameters(record.getParameters());
        copy.setInstant(record.getInstant());
        copy.setResourceBundle(record.getResourceBundle());
        return copy;
    }
}
