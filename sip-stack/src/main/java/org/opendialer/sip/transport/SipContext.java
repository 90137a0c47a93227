package org.opendialer.sip.transport;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.InvalidArgumentException;
import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.opendialer.sip.Q850;
import org.opendialer.sip.time.Scheduler;

/** The JAIN-SIP factories, provider and local address every leg builds messages with, plus shared executors. */
final class SipContext {

    static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE, REGISTER, REFER";
    static final String USER_AGENT = "opendialer";

    final SipProvider provider;
    final HeaderFactory headers;
    final AddressFactory addresses;
    final MessageFactory messages;
    final String host;
    final int port;
    final int tlsPort;
    final Executor executor;
    /** Every timer of ours and the time it runs on (virtual in tests). */
    final Scheduler timers;
    final SipTraffic traffic = new SipTraffic();

    SipContext(SipProvider provider, HeaderFactory headers, AddressFactory addresses, MessageFactory messages,
               String host, int port, int tlsPort, Executor executor, Scheduler timers) {
        this.provider = provider;
        this.headers = headers;
        this.addresses = addresses;
        this.messages = messages;
        this.host = host;
        this.port = port;
        this.tlsPort = tlsPort;
        this.executor = executor;
        this.timers = timers;
    }

    static String newTag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    /**
     * An out-of-dialog request (INVITE, OPTIONS) to {@code target}.
     *
     * @param fromUser  user part of From; "anonymous" with the anonymous.invalid host for privacy
     * @param proxy     optional outbound proxy {@code host[:port]} added as a loose Route
     * @param transport udp, tcp or tls
     */
    Request newRequest(String method, SipURI target, String fromUser, String callId, String proxy, String transport)
            throws ParseException, InvalidArgumentException {
        CallIdHeader callIdHeader = headers.createCallIdHeader(callId);
        CSeqHeader cseq = headers.createCSeqHeader(1L, method);
        boolean anonymous = "anonymous".equals(fromUser);
        SipURI fromUri = addresses.createSipURI(fromUser, anonymous ? "anonymous.invalid" : host);
        FromHeader from = headers.createFromHeader(addresses.createAddress(fromUri), newTag());
        ToHeader to = headers.createToHeader(addresses.createAddress((SipURI) target.clone()), null);
        List<ViaHeader> via = new ArrayList<>(1);
        via.add(headers.createViaHeader(host, portFor(transport), transport, null));
        MaxForwardsHeader maxForwards = headers.createMaxForwardsHeader(70);
        Request request = messages.createRequest(target, method, callIdHeader, cseq, from, to, via, maxForwards);
        request.addHeader(contact(transport));
        request.addHeader(headers.createHeader("User-Agent", USER_AGENT));
        if (proxy != null && !proxy.isBlank()) {
            SipURI route = addresses.createSipURI(null, hostOf(proxy));
            int proxyPort = portOf(proxy);
            if (proxyPort > 0) {
                route.setPort(proxyPort);
            }
            route.setLrParam();
            route.setTransportParam(transport);
            request.addHeader(headers.createRouteHeader(addresses.createAddress(route)));
        }
        return request;
    }

    /** Allow lists one header per method: JAIN-SIP refuses a comma list built by createHeader. */
    void addAllow(Message message) throws ParseException {
        for (String method : ALLOW.split(", ")) {
            message.addHeader(headers.createAllowHeader(method));
        }
    }

    ContactHeader contact(String transport) throws ParseException {
        SipURI uri = addresses.createSipURI(null, host);
        uri.setPort(portFor(transport));
        if (!"udp".equalsIgnoreCase(transport)) {
            uri.setTransportParam(transport);
        }
        return headers.createContactHeader(addresses.createAddress(uri));
    }

    /** Our port for a transport: the TLS port for tls, the UDP/TCP port otherwise. */
    int portFor(String transport) {
        return "tls".equalsIgnoreCase(transport) ? tlsPort : port;
    }

    Address address(String uri) throws ParseException {
        return addresses.createAddress(uri);
    }

    void setSdp(Message message, String sdp) throws ParseException {
        if (sdp != null && !sdp.isEmpty()) {
            ContentTypeHeader type = headers.createContentTypeHeader("application", "sdp");
            message.setContent(sdp, type);
        }
    }

    void addReason(Message message, int q850) throws ParseException {
        message.addHeader(headers.createHeader("Reason", Q850.reasonHeader(q850)));
    }

    void addHeaders(Message message, Map<String, String> extra) throws ParseException {
        for (Map.Entry<String, String> h : extra.entrySet()) {
            message.addHeader(headers.createHeader(h.getKey(), h.getValue()));
        }
    }

    Response response(int status, Request request) throws ParseException {
        Response response = messages.createResponse(status, request);
        response.addHeader(headers.createHeader("Server", USER_AGENT));
        return response;
    }

    static String body(Message message) {
        byte[] raw = message.getRawContent();
        return raw == null ? "" : new String(raw, java.nio.charset.StandardCharsets.UTF_8);
    }

    static String hostOf(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return colon > 0 && hostPort.indexOf(']') < colon ? hostPort.substring(0, colon) : hostPort;
    }

    static int portOf(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon > 0 && hostPort.indexOf(']') < colon) {
            return Integer.parseInt(hostPort.substring(colon + 1));
        }
        return -1;
    }
}
