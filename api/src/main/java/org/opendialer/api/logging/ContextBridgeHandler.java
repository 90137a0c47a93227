package org.opendialer.api.logging;

import java.util.logging.LogRecord;
import org.jitsi.utils.logging2.ContextLogRecord;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Forwards java.util.logging records to SLF4J and keeps the context of jitsi-utils child loggers
 * ({@code [callId=… campaignId=…]}) at the head of the message, where the plain bridge would drop it.
 */
final class ContextBridgeHandler extends SLF4JBridgeHandler {

    @Override
    public void publish(LogRecord record) {
        if (record instanceof ContextLogRecord c && c.getContext() != null && !c.getContext().isEmpty()) {
            LogRecord withContext = new LogRecord(record.getLevel(), c.getContext() + " " + record.getMessage());
            withContext.setLoggerName(record.getLoggerName());
            withContext.setThrown(record.getThrown());
            withContext.setParameters(record.getParameters());
            withContext.setInstant(record.getInstant());
            withContext.setResourceBundle(record.getResourceBundle());
            super.publish(withContext);
        } else {
            super.publish(record);
        }
    }
}
