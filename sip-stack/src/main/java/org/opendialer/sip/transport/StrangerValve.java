package org.opendialer.sip.transport;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import java.util.function.Supplier;
import javax.sip.SipStack;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jitsi.utils.logging2.Logger;
import org.opendialer.sip.SipStats.Refusal;

/**
 * Refuses INVITEs from sources that are neither trunks nor registered agents before JAIN-SIP's transaction layer
 * sees them (a valve runs ahead of transaction lookup): the 403 goes back statelessly on the channel the INVITE came
 * in on, and no server transaction, dialog or listener event is made for it, so a scanner's flood costs parsing and
 * one small response each. An INVITE whose Call-ID belongs to a live leg (a re-INVITE, perhaps from a carrier's other
 * address) always passes.
 */
final class StrangerValve implements SIPMessageValve {

    private final Refusals refusals;
    private final Logger log;
    /** Set once the server exists; the stack can read packets before that, and those pass. */
    private volatile JainSipServer server;
    private volatile SipContext ctx;

    StrangerValve(Refusals refusals, Logger log) {
        this.refusals = refusals;
        this.log = log;
    }

    void bind(JainSipServer server, SipContext ctx) {
        this.ctx = ctx;
        this.server = server;
    }

    /** The log line for the first refusal of a source. */
    static Supplier<String> firstLine(String host, int port) {
        return () -> "INVITE from untrusted " + host + ":" + port + " refused with 403 (more are summarised every "
                + Refusals.INTERVAL_SECONDS + " s)";
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        JainSipServer server = this.server;
        if (server == null || !Request.INVITE.equals(request.getMethod()) || request.getCallId() == null
                || request.getRemoteAddress() == null || server.leg(request.getCallId().getCallId()) != null) {
            return true;
        }
        String host = request.getRemoteAddress().getHostAddress();
        int port = request.getRemotePort();
        if (server.sourceOf(host, port) != null) {
            return true;
        }
        // counted before the 403 leaves, so whoever sees the 403 also sees the count
        refusals.refused(Refusal.UNTRUSTED_SOURCE, host, firstLine(host, port));
        refuse(request, channel);
        return false;
    }

    /** Stateless 403 (RFC 3261 §8.2.6): with a To tag, so the scanner's ACK matches nothing and is dropped. */
    private void refuse(SIPRequest request, MessageChannel channel) {
        try {
            SIPResponse forbidden = (SIPResponse) ctx.response(Response.FORBIDDEN, request);
            ToHeader to = (ToHeader) forbidden.getHeader(ToHeader.NAME);
            if (to.getTag() == null) {
                to.setTag(SipContext.newTag());
            }
            channel.sendMessage(forbidden);
        } catch (Exception e) {
            log.debug(() -> "403 to an untrusted source not sent: " + e);
        }
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        return true;
    }

    @Override
    public void init(SipStack stack) { }

    @Override
    public void destroy() { }
}
