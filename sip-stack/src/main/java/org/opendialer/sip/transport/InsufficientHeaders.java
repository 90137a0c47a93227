package org.opendialer.sip.transport;

import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.HopImpl;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.net.InetAddress;
import java.util.Iterator;
import javax.sip.ListeningPoint;
import javax.sip.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 400 for a request missing From, To or Call-ID (RFC 4475 §3.3.1), sent over UDP to the top Via's sent-by when
 * that is an IP literal: a name in a malformed message is never resolved, and nothing is sent anywhere else.
 */
final class InsufficientHeaders {

    private static final Logger LOG = LoggerFactory.getLogger(InsufficientHeaders.class);

    private InsufficientHeaders() { }

    static void answer(SIPTransactionStack stack, SIPRequest request) {
        Via via = request.getTopmostVia();
        if (via == null || via.getHost() == null || !isIpLiteral(via.getHost())) {
            return;
        }
        try {
            int port = via.getPort() > 0 ? via.getPort() : 5060;
            SIPResponse response = new SIPResponse();
            response.setStatusCode(400);
            response.setReasonPhrase("Bad Request (missing From, To or Call-ID)");
            response.setHeader(request.getViaHeaders());
            if (request.getCSeq() != null) {
                response.setHeader(request.getCSeqHeader());
            }
            response.setHeader(new ContentLength(0));
            ListeningPoint lp = udpListeningPoint((SipStack) stack);
            if (lp == null) {
                return;
            }
            MessageChannel channel = stack.createRawMessageChannel(lp.getIPAddress(), lp.getPort(),
                    new HopImpl(via.getHost(), port, "udp"));
            channel.sendMessage(response, InetAddress.getByName(via.getHost()), port);
        } catch (Exception e) {
            LOG.debug("400 for a request without required headers not sent: {}", e.toString());
        }
    }

    private static ListeningPoint udpListeningPoint(SipStack stack) {
        for (Iterator<?> it = stack.getListeningPoints(); it.hasNext(); ) {
            ListeningPoint lp = (ListeningPoint) it.next();
            if ("udp".equalsIgnoreCase(lp.getTransport())) {
                return lp;
            }
        }
        return null;
    }

    private static boolean isIpLiteral(String host) {
        return host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || host.contains(":");
    }
}
