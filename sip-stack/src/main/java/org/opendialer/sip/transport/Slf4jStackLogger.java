package org.opendialer.sip.transport;

import gov.nist.core.StackLogger;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes JAIN-SIP's internal log to SLF4J (logger {@code gov.nist}) instead of its own log4j files. */
public final class Slf4jStackLogger implements StackLogger {

    private static final Logger LOG = LoggerFactory.getLogger("gov.nist");

    @Override public void logStackTrace() { }
    @Override public void logStackTrace(int level) { }
    @Override public int getLineCount() { return 0; }
    @Override public void logException(Throwable t) { LOG.debug("JAIN-SIP exception", t); }
    @Override public void logDebug(String m) { LOG.debug(m); }
    @Override public void logDebug(String m, Exception e) { LOG.debug(m, e); }
    @Override public void logTrace(String m) { LOG.trace(m); }
    @Override public void logFatalError(String m) { LOG.error(m); }
    @Override public void logError(String m) { LOG.warn(m); }
    @Override public void logError(String m, Exception e) { LOG.warn(m, e); }
    @Override public void logWarning(String m) { LOG.info(m); }
    @Override public void logInfo(String m) { LOG.debug(m); }
    @Override public void disableLogging() { }
    @Override public void enableLogging() { }
    @Override public void setBuildTimeStamp(String s) { }
    @Override public void setStackProperties(Properties p) { }
    @Override public String getLoggerName() { return "gov.nist"; }

    @Override
    public boolean isLoggingEnabled() {
        return LOG.isDebugEnabled();
    }

    @Override
    public boolean isLoggingEnabled(int level) {
        return switch (level) {
            case TRACE_FATAL, TRACE_ERROR -> LOG.isWarnEnabled();
            case TRACE_WARN -> LOG.isInfoEnabled();
            case TRACE_TRACE -> LOG.isTraceEnabled();
            default -> LOG.isDebugEnabled();
        };
    }
}
