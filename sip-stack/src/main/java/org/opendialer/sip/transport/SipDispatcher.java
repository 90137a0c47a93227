package org.opendialer.sip.transport;

import gov.nist.javax.sip.message.SIPRequest;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jitsi.utils.logging2.Logger;
import org.opendialer.sip.CallListener;
import org.opendialer.sip.InboundCall;
import org.opendialer.sip.InboundHandler;
import org.opendialer.sip.InboundHeaders;
import org.opendialer.sip.Q850;
import org.opendialer.sip.SipStats.Refusal;
import org.opendialer.sip.TrunkConfig;
import org.opendialer.sip.trunk.NumberNormalizer;

/**
 * The single JAIN-SIP listener: finds the leg a message belongs to by Call-ID and queues the work on that leg's
 * serial executor; requests outside any dialog (new INVITE, REGISTER, OPTIONS) are checked and answered here. A new
 * INVITE's set-up goes through the {@link SetupLane}; in-dialog requests never wait there.
 * Never throws back into the stack: a bad message is answered or dropped and counted, and the stack lives on.
 */
final class SipDispatcher implements SipListener {

    private final JainSipServer server;
    private final SipContext ctx;
    private final Logger log;
    private final RequestGuard guard;

    SipDispatcher(JainSipServer server, SipContext ctx, Logger log) {
        this.server = server;
        this.ctx = ctx;
        this.log = log;
        this.guard = new RequestGuard(ctx);
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        try {
            Leg leg = server.leg(callId(request));
            if (leg != null) {
                if (Request.CANCEL.equals(request.getMethod()) && leg instanceof InboundLeg in) {
                    leg.executor.execute(() -> in.onCancel(event));
                } else {
                    leg.executor.execute(() -> leg.onInDialogRequest(event));
                }
                return;
            }
            if (!guard.admit(request)) {
                return;
            }
            switch (request.getMethod()) {
                case Request.INVITE -> onNewInvite(event);
                case Request.REGISTER -> server.registrar().onRegister(event);
                case Request.OPTIONS -> onOptions(request);
                case Request.ACK -> { }
                case Request.BYE, Request.CANCEL, Request.INFO, Request.UPDATE ->
                        ctx.provider.sendResponse(ctx.response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request));
                default -> {
                    Response r = ctx.response(Response.NOT_IMPLEMENTED, request);
                    ctx.addAllow(r);
                    ctx.provider.sendResponse(r);
                }
            }
        } catch (Exception e) {
            log.warn(request.getMethod() + " not handled: " + e);
        }
    }

    private void onOptions(Request request) throws Exception {
        Response ok = ctx.response(Response.OK, request);
        ctx.addAllow(ok);
        ok.addHeader(ctx.headers.createHeader("Accept", "application/sdp"));
        ctx.provider.sendResponse(ok);
    }

    private void onNewInvite(RequestEvent event) throws Exception {
        Request request = event.getRequest();
        SIPRequest sip = (SIPRequest) request;
        String address = sip.getRemoteAddress().getHostAddress();
        String trunk = server.trunkAt(address);
        String source = server.sourceOf(address, sip.getRemotePort());
        if (source == null) {
            // StrangerValve refuses these before the stack; an agent whose registration lapsed just now lands here.
            server.refusals().refused(Refusal.UNTRUSTED_SOURCE, address,
                    StrangerValve.firstLine(address, sip.getRemotePort()));
            ctx.provider.sendResponse(ctx.response(Response.FORBIDDEN, request));
            return;
        }
        if (request.getHeader(javax.sip.header.ContactHeader.NAME) == null) {
            // RFC 2543 INVITEs may omit Contact; the From URI is then the remote target.
            var from = (FromHeader) request.getHeader(FromHeader.NAME);
            request.addHeader(ctx.headers.createContactHeader(from.getAddress()));
        }
        ServerTransaction st;
        try {
            st = event.getServerTransaction() != null ? event.getServerTransaction()
                    : ctx.provider.getNewServerTransaction(request);
        } catch (TransactionAlreadyExistsException retransmission) {
            return;
        }
        ctx.traffic.invitesIn.increment();
        String transport = sip.getTopmostVia().getTransport().toLowerCase(java.util.Locale.ROOT);
        InboundLeg leg = new InboundLeg(callId(request), ctx, server, log, st, transport, source);
        server.register(leg);
        String did = did(request.getRequestURI(), trunk == null ? null : server.trunkConfig(trunk));
        String caller = user(((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI());
        String from = source;
        InboundHeaders headers = InviteHeaderReader.read(request);
        leg.executor.execute(leg::trying); // at once, also while the call waits in the lane (RFC 3261 §17.2.1)
        SetupLane.Ticket ticket = new SetupLane.Ticket(() -> leg.executor.execute(() -> {
            if (leg.state != Leg.State.NEW) {
                return; // cancelled or refused before its turn came
            }
            leg.setupStarted();
            InboundHandler handler = server.routeFor(did);
            if (handler == null) {
                log.info("no route for DID " + did + " from " + from);
                leg.reject(Q850.UNALLOCATED_NUMBER);
                return;
            }
            CallListener listener = handler.onInbound(new InboundCall(leg.id, did, caller, from, leg.offer(),
                    headers));
            leg.setListener(listener);
        }));
        leg.holdSetup(server.setupLane(), ticket);
        if (!server.setupLane().enter(ticket)) {
            server.refusals().refused(Refusal.OVERLOAD, address, () -> "INVITE " + leg.id + " from " + from
                    + " refused with 503: " + server.setupLane().waiting() + " new calls already wait for set-up");
            leg.executor.execute(() -> leg.refuse(server.admission().retryAfterSeconds()));
        }
    }

    /** The dialled number: Request-URI user, in E.164 when the trunk's region makes that possible. */
    private static String did(URI uri, TrunkConfig trunk) {
        String user = user(uri);
        if (trunk == null || user.isEmpty()) {
            return user;
        }
        try {
            return NumberNormalizer.toE164(user, trunk.defaultRegion());
        } catch (IllegalArgumentException notANumber) {
            return user;
        }
    }

    private static String user(URI uri) {
        if (uri instanceof SipURI sip && sip.getUser() != null) {
            return sip.getUser();
        }
        return uri.isSipURI() ? "" : uri.toString();
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Response response = event.getResponse();
        String callId = callId(response);
        try {
            var cseq = (javax.sip.header.CSeqHeader) response.getHeader(javax.sip.header.CSeqHeader.NAME);
            ctx.traffic.responseReceived(cseq == null ? "OTHER" : cseq.getMethod(), response.getStatusCode());
            if (server.prober().onResponse(callId)) {
                return;
            }
            Leg leg = server.leg(callId);
            if (leg instanceof OutboundLeg out) {
                leg.executor.execute(() -> out.onResponse(event));
            } else if (leg != null && response.getStatusCode() / 100 == 2) {
                leg.executor.execute(() -> leg.ackReinviteIfNeeded(event));
            }
        } catch (Exception e) {
            log.warn("response " + response.getStatusCode() + " not handled: " + e);
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (event.isServerTransaction()) {
            return;
        }
        String callId = callId(event.getClientTransaction().getRequest());
        if (server.prober().onTimeout(callId)) {
            return;
        }
        Leg leg = server.leg(callId);
        String method = event.getClientTransaction().getRequest().getMethod();
        if (leg instanceof OutboundLeg out && Request.INVITE.equals(method)) {
            leg.executor.execute(out::onTimeout);
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        log.info("SIP I/O error towards " + event.getHost() + ":" + event.getPort() + "/" + event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) { }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) { }

    private static String callId(Message message) {
        return ((CallIdHeader) message.getHeader(CallIdHeader.NAME)).getCallId();
    }
}
