package org.opendialer.sip.transport;

import java.util.ListIterator;
import java.util.Locale;
import java.util.Set;
import javax.sip.header.AcceptHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.Header;
import javax.sip.header.RequireHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Checks a new out-of-dialog request for what JAIN-SIP parses but a UAS must still refuse (RFC 3261 §8.2,
 * exercised by RFC 4475 §3.3): unsupported Request-URI scheme (416), required extensions we lack (420), bodies we
 * cannot read (415), an Accept that excludes SDP (406), and a CSeq method that differs from the request's (400).
 * A refused request is answered statelessly here; nothing is created for it.
 */
final class RequestGuard {

    private static final Set<String> SCHEMES = Set.of("sip", "sips", "tel");
    private static final Set<String> SUPPORTED = Set.of("timer");

    private final SipContext ctx;

    RequestGuard(SipContext ctx) {
        this.ctx = ctx;
    }

    boolean admit(Request request) throws Exception {
        if (Request.ACK.equals(request.getMethod())) {
            return true;
        }
        if (((gov.nist.javax.sip.message.SIPRequest) request).getApplicationData()
                == StrictMessageParserFactory.UNSUPPORTED_VERSION) {
            return refuse(request, Response.VERSION_NOT_SUPPORTED, null);
        }
        if (request.getHeader(javax.sip.header.MaxForwardsHeader.NAME) == null) {
            // RFC 2543 peers send none; JAIN-SIP's transactions need one, and 70 is the RFC 3261 default.
            request.addHeader(ctx.headers.createMaxForwardsHeader(70));
        }
        CSeqHeader cseq = (CSeqHeader) request.getHeader(CSeqHeader.NAME);
        if (cseq != null && !cseq.getMethod().equals(request.getMethod())) {
            return refuse(request, Response.BAD_REQUEST, "CSeq method differs from the request method");
        }
        String scheme = request.getRequestURI().getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            return refuse(request, Response.UNSUPPORTED_URI_SCHEME, null);
        }
        ListIterator<?> requires = request.getHeaders(RequireHeader.NAME);
        StringBuilder unsupported = new StringBuilder();
        while (requires.hasNext()) {
            String tag = ((RequireHeader) requires.next()).getOptionTag();
            if (!SUPPORTED.contains(tag.toLowerCase(Locale.ROOT))) {
                unsupported.append(unsupported.isEmpty() ? "" : ", ").append(tag);
            }
        }
        if (!unsupported.isEmpty()) {
            Response r = ctx.response(Response.BAD_EXTENSION, request);
            for (String tag : unsupported.toString().split(", ")) {
                r.addHeader(ctx.headers.createUnsupportedHeader(tag));
            }
            ctx.provider.sendResponse(r);
            return false;
        }
        String toTag = ((javax.sip.header.ToHeader) request.getHeader(javax.sip.header.ToHeader.NAME)).getTag();
        if (toTag != null && !Request.OPTIONS.equals(request.getMethod())
                && !Request.REGISTER.equals(request.getMethod())) {
            // RFC 3261 §12.2.2: a mid-dialog request for a dialog we do not have.
            return refuse(request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
        }
        if (Request.INVITE.equals(request.getMethod()) || Request.OPTIONS.equals(request.getMethod())) {
            return admitMedia(request);
        }
        return true;
    }

    private boolean admitMedia(Request request) throws Exception {
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        if (type != null && request.getContentLength() != null && request.getContentLength().getContentLength() > 0) {
            String t = (type.getContentType() + "/" + type.getContentSubType()).toLowerCase(Locale.ROOT);
            if (!t.equals("application/sdp") && !t.startsWith("multipart/")) {
                Response r = ctx.response(Response.UNSUPPORTED_MEDIA_TYPE, request);
                r.addHeader(ctx.headers.createHeader("Accept", "application/sdp"));
                ctx.provider.sendResponse(r);
                return false;
            }
        }
        ListIterator<?> accepts = request.getHeaders(AcceptHeader.NAME);
        boolean anyAccept = false;
        boolean sdp = false;
        while (accepts.hasNext()) {
            Header h = (Header) accepts.next();
            AcceptHeader a = (AcceptHeader) h;
            anyAccept = true;
            String ct = a.getContentType() == null ? "" : a.getContentType().toLowerCase(Locale.ROOT);
            String st = a.getContentSubType() == null ? "" : a.getContentSubType().toLowerCase(Locale.ROOT);
            if ((ct.equals("application") || ct.equals("*")) && (st.equals("sdp") || st.equals("*"))) {
                sdp = true;
            }
        }
        if (anyAccept && !sdp && Request.INVITE.equals(request.getMethod())) {
            Response r = ctx.response(Response.NOT_ACCEPTABLE, request);
            r.addHeader(ctx.headers.createHeader("Accept", "application/sdp"));
            ctx.provider.sendResponse(r);
            return false;
        }
        return true;
    }

    private boolean refuse(Request request, int status, String why) throws Exception {
        Response r = why == null ? ctx.response(status, request) : ctx.messages.createResponse(status, request);
        if (why != null) {
            r.setReasonPhrase(r.getReasonPhrase() + " (" + why + ")");
        }
        ctx.provider.sendResponse(r);
        return false;
    }
}
