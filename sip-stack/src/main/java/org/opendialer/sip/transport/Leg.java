package org.opendialer.sip.transport;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogState;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.header.CSeqHeader;
import javax.sip.header.Header;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jitsi.utils.logging2.Logger;
import org.opendialer.sip.CallEvent;
import org.opendialer.sip.CallListener;
import org.opendialer.sip.HangupSide;
import org.opendialer.sip.Q850;
import org.opendialer.sip.time.Scheduler;
import org.opendialer.sip.trunk.SerialExecutor;

/**
 * One call leg: the part of a SIP dialog both directions share (BYE either way, re-INVITE, INFO, bridging). Every
 * method runs on the leg's {@link SerialExecutor}; subclasses add the UAC ({@link OutboundLeg}) or UAS
 * ({@link InboundLeg}) set-up. A leg emits exactly one terminal event and then deregisters itself.
 */
abstract class Leg {

    enum State { NEW, CALLING, EARLY, CANCELLING, ANSWERED, ENDED }

    final String id;
    final SipContext ctx;
    final LegRegistry registry;
    final SerialExecutor executor;
    /** SIP Call-IDs of this leg's attempts besides {@link #id} (failover, redirects), to forget them at the end. */
    final java.util.List<String> sipCallIds = new java.util.concurrent.CopyOnWriteArrayList<>();
    final Logger log;
    CallListener listener;
    State state = State.NEW;
    Dialog dialog;
    String localSdp = "";
    String bridgedTo;
    long answeredAtNanos;
    /** The subscription of the peer's last accepted REFER, null before any. */
    ReferSubscription refer;

    Leg(String id, SipContext ctx, LegRegistry registry, CallListener listener, Logger parentLog) {
        this.id = id;
        this.ctx = ctx;
        this.registry = registry;
        this.listener = listener;
        this.executor = new SerialExecutor(ctx.executor);
        this.log = parentLog.createChildLogger(getClass().getSimpleName(), java.util.Map.of("callId", id));
    }

    /** A timer of this leg: {@code task} runs on the leg's executor {@code delay} from now. */
    final Scheduler.Cancellable after(Duration delay, Runnable task) {
        return ctx.timers.schedule(() -> executor.execute(task), delay);
    }

    /** Local hang-up request from the port, in whatever state the leg is. */
    abstract void hangup(int cause);

    /** Transport of this leg's dialog (udp, tcp, tls): our Contact in mid-dialog messages must name its port. */
    abstract String transport();

    /** Terminal bookkeeping of subclasses (channel release). */
    void released() { }

    final void emit(CallEvent event) {
        if (listener != null) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                log.warn("call listener failed on " + event.getClass().getSimpleName(), e);
            }
        }
    }

    /** Ends the leg with its single terminal event, and the bridged partner with it. */
    final void finish(CallEvent terminal) {
        if (state == State.ENDED) {
            return;
        }
        state = State.ENDED;
        released();
        registry.remove(this);
        emit(terminal);
        if (bridgedTo != null) {
            int cause = terminal instanceof CallEvent.Ended e ? e.q850() : Q850.NORMAL_CLEARING;
            registry.hangupPartner(bridgedTo, cause);
        }
    }

    final void ended(HangupSide side, int cause) {
        long talk = answeredAtNanos == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(ctx.timers.nanoTime() - answeredAtNanos);
        finish(new CallEvent.Ended(id, side, cause, Q850.disposition(cause), talk));
    }

    final void markAnswered(String remoteSdp) {
        state = State.ANSWERED;
        answeredAtNanos = ctx.timers.nanoTime();
        emit(new CallEvent.Answered(id, remoteSdp));
    }

    /** Sends BYE with a Reason header in a confirmed dialog, then ends the leg as a local hang-up. */
    final void sendBye(int cause) {
        try {
            if (dialog != null && dialog.getState() == DialogState.CONFIRMED) {
                Request bye = dialog.createRequest(Request.BYE);
                ctx.addReason(bye, cause);
                ClientTransaction ct = ctx.provider.getNewClientTransaction(bye);
                dialog.sendRequest(ct);
            }
        } catch (Exception e) {
            log.warn("BYE could not be sent: " + e.getMessage());
        }
        ended(HangupSide.LOCAL, cause);
    }

    /** In-dialog request from the peer. */
    void onInDialogRequest(RequestEvent event) {
        Request request = event.getRequest();
        ServerTransaction st = event.getServerTransaction();
        try {
            switch (request.getMethod()) {
                case Request.BYE -> {
                    reply(st, request, Response.OK);
                    int cause = reasonCause(request).orElse(Q850.NORMAL_CLEARING);
                    ended(HangupSide.REMOTE, cause);
                }
                case Request.INVITE -> onReinvite(st, request);
                case Request.INFO -> onInfo(st, request);
                case Request.REFER -> onRefer(st, request);
                case Request.ACK -> onAck(request);
                case Request.OPTIONS, Request.UPDATE -> reply(st, request, Response.OK);
                default -> reply(st, request, Response.METHOD_NOT_ALLOWED);
            }
        } catch (Exception e) {
            log.warn("in-dialog " + request.getMethod() + " failed: " + e.getMessage());
        }
    }

    void onAck(Request ack) { }

    private void onReinvite(ServerTransaction st, Request request) throws Exception {
        if (state != State.ANSWERED) {
            reply(st, request, Response.REQUEST_PENDING);
            return;
        }
        String remote = SipContext.body(request);
        Response ok = ctx.response(Response.OK, request);
        ok.addHeader(ctx.contact(transport()));
        ctx.setSdp(ok, localSdp);
        Header se = request.getHeader("Session-Expires");
        if (se != null) {
            // RFC 4028: echo the interval and leave refreshing to the peer that asked for it.
            ok.addHeader(ctx.headers.createHeader("Session-Expires", sessionExpires(se) + ";refresher=uac"));
            ok.addHeader(ctx.headers.createHeader("Require", "timer"));
        }
        st.sendResponse(ok);
        if (!remote.isEmpty()) {
            boolean hold = remote.contains("a=sendonly") || remote.contains("a=inactive")
                    || remote.contains("c=IN IP4 0.0.0.0");
            emit(new CallEvent.Modified(id, remote, hold));
        }
    }

    /** RFC 3515: 202 and a first NOTIFY at once; the transfer itself is the upper layer's, told by the event. */
    private void onRefer(ServerTransaction st, Request request) throws Exception {
        CallEvent.Refer event = ReferSubscription.read(id, request);
        if (event == null) {
            reply(st, request, Response.BAD_REQUEST);
            return;
        }
        if (state != State.ANSWERED) {
            reply(st, request, Response.FORBIDDEN);
            return;
        }
        reply(st, request, Response.ACCEPTED);
        refer = new ReferSubscription(ctx, dialog, request, log);
        refer.notify(Response.TRYING);
        emit(event);
    }

    void referProgress(int sipStatus) {
        if (refer != null && state == State.ANSWERED) {
            refer.notify(sipStatus);
        }
    }

    private void onInfo(ServerTransaction st, Request request) throws Exception {
        reply(st, request, Response.OK);
        String body = SipContext.body(request);
        char digit = 0;
        int duration = 100;
        for (String line : body.split("\r?\n")) {
            String[] kv = line.split("=", 2);
            if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("Signal") && !kv[1].isBlank()) {
                digit = kv[1].trim().charAt(0);
            } else if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("Duration")) {
                duration = parseIntOr(kv[1].trim(), 100);
            }
        }
        if (digit != 0) {
            emit(new CallEvent.InfoDtmf(id, digit, duration));
        }
    }

    void sendInfoDtmf(char digit, int durationMs) {
        if (state != State.ANSWERED) {
            return;
        }
        try {
            Request info = dialog.createRequest(Request.INFO);
            info.setContent("Signal=" + digit + "\r\nDuration=" + durationMs + "\r\n",
                    ctx.headers.createContentTypeHeader("application", "dtmf-relay"));
            dialog.sendRequest(ctx.provider.getNewClientTransaction(info));
        } catch (Exception e) {
            log.warn("INFO could not be sent: " + e.getMessage());
        }
    }

    void reinvite(String sdp) {
        reinvite(sdp, null);
    }

    /** A re-INVITE with our SDP; {@code sessionExpires} (RFC 4028) is added when not null. */
    void reinvite(String sdp, String sessionExpires) {
        if (state != State.ANSWERED) {
            return;
        }
        try {
            localSdp = sdp;
            Request invite = dialog.createRequest(Request.INVITE);
            invite.addHeader(ctx.contact(transport()));
            if (sessionExpires != null) {
                invite.addHeader(ctx.headers.createHeader("Session-Expires", sessionExpires));
                invite.addHeader(ctx.headers.createHeader("Supported", "timer"));
            }
            ctx.setSdp(invite, sdp);
            dialog.sendRequest(ctx.provider.getNewClientTransaction(invite));
        } catch (Exception e) {
            log.warn("re-INVITE could not be sent: " + e.getMessage());
        }
    }

    /** 2xx to our re-INVITE: acknowledge it (JAIN-SIP leaves the ACK of every 2xx to the application). */
    void ackReinvite(Response response) {
        try {
            long seq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
            dialog.sendAck(dialog.createAck(seq));
        } catch (Exception e) {
            log.warn("ACK of re-INVITE failed: " + e.getMessage());
        }
    }

    /** A 2xx to a re-INVITE this leg sent (for UAS legs, whose dispatcher path has no response handling). */
    void ackReinviteIfNeeded(javax.sip.ResponseEvent event) {
        CSeqHeader cseq = (CSeqHeader) event.getResponse().getHeader(CSeqHeader.NAME);
        if (Request.INVITE.equals(cseq.getMethod()) && state == State.ANSWERED) {
            ackReinvite(event.getResponse());
        }
    }

    final void reply(ServerTransaction st, Request request, int status) throws Exception {
        Response response = ctx.response(status, request);
        if (st != null) {
            st.sendResponse(response);
        } else {
            ctx.provider.sendResponse(response);
        }
    }

    static OptionalInt reasonCause(javax.sip.message.Message message) {
        Header reason = message.getHeader("Reason");
        if (reason == null) {
            return OptionalInt.empty();
        }
        String text = reason.toString();
        int colon = text.indexOf(':');
        return Q850.parseReason(colon >= 0 ? text.substring(colon + 1) : text);
    }

    private static int sessionExpires(Header header) {
        String value = header.toString();
        value = value.substring(value.indexOf(':') + 1).trim();
        int semi = value.indexOf(';');
        return parseIntOr(semi >= 0 ? value.substring(0, semi).trim() : value, 1800);
    }

    static int parseIntOr(String s, int fallback) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
