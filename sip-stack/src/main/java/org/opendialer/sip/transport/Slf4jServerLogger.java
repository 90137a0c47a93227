package org.opendialer.sip.transport;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.Properties;
import javax.sip.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SIP message trace at TRACE level of logger {@code sip.messages} (off by default: it prints whole messages). */
public final class Slf4jServerLogger implements ServerLogger {

    private static final Logger LOG = LoggerFactory.getLogger("sip.messages");

    @Override public void closeLogFile() { }
    @Override public void logException(Exception e) { LOG.debug("SIP message exception", e); }
    @Override public void setStackProperties(Properties p) { }
    @Override public void setSipStack(SipStack s) { }

    @Override
    public void logMessage(SIPMessage m, String from, String to, boolean sender, long time) {
        trace(m, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage m, String from, String to, String status, boolean sender, long time) {
        trace(m, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage m, String from, String to, String status, boolean sender) {
        trace(m, from, to, sender);
    }

    private static void trace(SIPMessage m, String from, String to, boolean sender) {
        if (LOG.isTraceEnabled()) {
            LOG.trace("{} {} -> {}\n{}", sender ? "sent" : "received", from, to, m);
        }
    }
}
