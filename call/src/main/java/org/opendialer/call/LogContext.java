package org.opendialer.call;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.jitsi.utils.logging2.Logger;
import org.slf4j.MDC;

/**
 * The keys every log line about one session carries: {@code callId} from the start, and whatever the layer above
 * adds ({@code campaignId}, {@code contactId}, {@code flow} ...). Two routes, one map: the session's own child
 * logger (jitsi {@code [callId=…]} context, which the server's log bridge turns into MDC fields), and SLF4J's MDC
 * around every task of the session's executor, so listeners and flows that log with plain SLF4J get them too.
 */
public final class LogContext {

    private final Map<String, String> entries = new ConcurrentHashMap<>();
    private final Logger logger;

    /** Empty until the session knows its call id ({@code put("callId", …)}): an outbound leg learns it from SIP. */
    LogContext(Logger parent) {
        this.logger = parent.createChildLogger(CallSession.class.getSimpleName());
    }

    /** Adds or replaces a key on every later log line of this session (both routes). */
    public LogContext put(String key, String value) {
        entries.put(key, value);
        logger.addContext(key, value);
        return this;
    }

    /** The keys and values now in force. */
    public Map<String, String> entries() {
        return Map.copyOf(entries);
    }

    Logger logger() {
        return logger;
    }

    /**
     * {@code executor} running each task with this context in SLF4J's MDC (as it is when the task runs), the
     * thread's own MDC restored after. Wrap the session's serial executor, not the pool under it: one drain of a
     * serial executor runs many tasks, and a key put meanwhile must reach the next one.
     */
    Executor around(Executor executor) {
        return task -> executor.execute(() -> {
            Map<String, String> saved = MDC.getCopyOfContextMap();
            entries.forEach(MDC::put);
            try {
                task.run();
            } finally {
                if (saved == null) {
                    MDC.clear();
                } else {
                    MDC.setContextMap(saved);
                }
            }
        });
    }
}
