package org.opendialer.sip.transport;

import gov.nist.javax.sip.message.SIPResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.header.CSeqHeader;
import javax.sip.header.Header;
import javax.sip.header.ReferToHeader;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.message.Request;
import org.jitsi.utils.logging2.Logger;
import org.opendialer.sip.CallEvent;
import org.opendialer.sip.Replaces;

/**
 * The implicit subscription a REFER creates (RFC 3515 §2.4.4): NOTIFYs in the REFER's dialog carrying the
 * transfer's progress as a message/sipfrag status line, the last one terminating it. Also reads the REFER into a
 * {@link CallEvent.Refer}, with the Replaces (RFC 3891) embedded in the Refer-To URI's header part.
 */
final class ReferSubscription {

    private final SipContext ctx;
    private final Dialog dialog;
    private final long eventId;
    private final Logger log;
    private boolean terminated;

    ReferSubscription(SipContext ctx, Dialog dialog, Request refer, Logger log) {
        this.ctx = ctx;
        this.dialog = dialog;
        this.eventId = ((CSeqHeader) refer.getHeader(CSeqHeader.NAME)).getSeqNumber();
        this.log = log;
    }

    /** The REFER as an event, or null when it has no usable Refer-To. */
    static CallEvent.Refer read(String callId, Request refer) {
        ReferToHeader referTo = (ReferToHeader) refer.getHeader(ReferToHeader.NAME);
        if (referTo == null) {
            return null;
        }
        String uri = referTo.getAddress().getURI().toString();
        int q = uri.indexOf('?');
        String target = q < 0 ? uri : uri.substring(0, q);
        Replaces replaces = null;
        if (q >= 0) {
            for (String header : uri.substring(q + 1).split("&")) {
                int eq = header.indexOf('=');
                if (eq > 0 && header.substring(0, eq).equalsIgnoreCase("Replaces")) {
                    replaces = replaces(unescape(header.substring(eq + 1)));
                }
            }
        }
        Header by = refer.getHeader("Referred-By");
        String referredBy = by == null ? "" : by.toString().substring(by.toString().indexOf(':') + 1).trim();
        return new CallEvent.Refer(callId, target, referredBy, replaces);
    }

    /** {@code callid;to-tag=..;from-tag=..[;early-only]}; null when a tag is missing (RFC 3891 §6.1 requires both). */
    static Replaces replaces(String value) {
        String[] parts = value.split(";");
        String toTag = null;
        String fromTag = null;
        boolean earlyOnly = false;
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].trim().split("=", 2);
            switch (kv[0].trim().toLowerCase(java.util.Locale.ROOT)) {
                case "to-tag" -> toTag = kv.length == 2 ? kv[1].trim() : null;
                case "from-tag" -> fromTag = kv.length == 2 ? kv[1].trim() : null;
                case "early-only" -> earlyOnly = true;
                default -> { }
            }
        }
        String callId = parts[0].trim();
        return callId.isEmpty() || toTag == null || fromTag == null ? null
                : new Replaces(callId, toTag, fromTag, earlyOnly);
    }

    /** URI header values are %-escaped (RFC 3261 §19.1.1); a literal '+' is not a space there. */
    private static String unescape(String escaped) {
        return URLDecoder.decode(escaped.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Sends {@code SIP/2.0 <status>}; from 200 on the subscription ends and later calls do nothing. */
    void notify(int status) {
        if (terminated) {
            return;
        }
        terminated = status >= 200;
        try {
            Request notify = dialog.createRequest(Request.NOTIFY);
            javax.sip.header.EventHeader event = ctx.headers.createEventHeader("refer");
            event.setEventId(Long.toString(eventId));
            notify.addHeader(event);
            SubscriptionStateHeader subscription = ctx.headers.createSubscriptionStateHeader(
                    terminated ? SubscriptionStateHeader.TERMINATED : SubscriptionStateHeader.ACTIVE);
            if (terminated) {
                subscription.setReasonCode(SubscriptionStateHeader.NO_RESOURCE);
            } else {
                subscription.setExpires(60);
            }
            notify.addHeader(subscription);
            notify.setContent("SIP/2.0 " + status + " " + SIPResponse.getReasonPhrase(status) + "\r\n",
                    ctx.headers.createContentTypeHeader("message", "sipfrag;version=2.0"));
            ClientTransaction ct = ctx.provider.getNewClientTransaction(notify);
            dialog.sendRequest(ct);
        } catch (Exception e) {
            log.warn("NOTIFY for REFER could not be sent: " + e.getMessage());
        }
    }
}
