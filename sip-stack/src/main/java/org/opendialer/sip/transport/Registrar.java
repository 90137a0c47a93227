package org.opendialer.sip.transport;

import gov.nist.javax.sip.message.SIPRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.sip.RequestEvent;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jitsi.utils.logging2.Logger;
import org.opendialer.sip.AgentDirectory;

/**
 * Registrar for agent phones (RFC 3261 §10): digest authentication against HA1 values from the database, several
 * contacts per agent, expiry and refresh, and the packet's source address kept beside each contact so calls reach
 * phones behind NAT (the {@code received}/{@code rport} the stack stamps on the Via tell the phone the same).
 */
final class Registrar {

    static final int MIN_EXPIRES = 60;
    static final int MAX_EXPIRES = 7200;
    static final int DEFAULT_EXPIRES = 3600;

    /** One registered contact; {@code sourceHost:sourcePort} is where its REGISTER came from. */
    record Binding(String contact, String sourceHost, int sourcePort, String transport, long expiresAtNanos) { }

    private final AgentDirectory agents;
    private final String realm;
    private final SipContext ctx;
    private final LongSupplier nanoClock;
    private final Logger log;
    private final DigestVerifier digest;
    private final Map<String, List<Binding>> bindings = new ConcurrentHashMap<>();

    Registrar(AgentDirectory agents, String realm, SipContext ctx, LongSupplier nanoClock, Logger log) {
        this.agents = agents;
        this.realm = realm;
        this.ctx = ctx;
        this.nanoClock = nanoClock;
        this.log = log;
        this.digest = new DigestVerifier(realm, nanoClock);
    }

    void onRegister(RequestEvent event) throws Exception {
        Request request = event.getRequest();
        URI toUri = ((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().getURI();
        String user = toUri instanceof SipURI sip ? sip.getUser() : null;
        if (user == null) {
            ctx.provider.sendResponse(ctx.response(Response.NOT_FOUND, request));
            return;
        }
        AuthorizationHeader auth = (AuthorizationHeader) request.getHeader(AuthorizationHeader.NAME);
        if (auth == null || !"Digest".equalsIgnoreCase(auth.getScheme())) {
            challenge(request, false);
            return;
        }
        Optional<String> ha1 = agents.ha1(user);
        DigestVerifier.Result result = ha1.isEmpty() || !user.equals(auth.getUsername())
                ? DigestVerifier.Result.BAD : digest.verify(request, auth, ha1.get());
        if (result == DigestVerifier.Result.STALE) {
            challenge(request, true);
            return;
        }
        if (result != DigestVerifier.Result.OK) {
            log.info("REGISTER for " + user + " refused: bad credentials");
            ctx.provider.sendResponse(ctx.response(Response.FORBIDDEN, request));
            return;
        }
        update(user, request);
    }

    private void challenge(Request request, boolean stale) throws Exception {
        Response response = ctx.response(Response.UNAUTHORIZED, request);
        digest.challenge(ctx.headers, response, stale);
        ctx.provider.sendResponse(response);
    }

    private void update(String user, Request request) throws Exception {
        ExpiresHeader expiresHeader = request.getExpires();
        int defaultExpires = expiresHeader == null ? DEFAULT_EXPIRES : expiresHeader.getExpires();
        SIPRequest sip = (SIPRequest) request;
        String sourceHost = sip.getRemoteAddress().getHostAddress();
        int sourcePort = sip.getRemotePort();
        String transport = sip.getTopmostVia().getTransport().toLowerCase(java.util.Locale.ROOT);
        List<Binding> current = new ArrayList<>(bindings.getOrDefault(user, List.of()));
        long now = nanoClock.getAsLong();
        current.removeIf(b -> b.expiresAtNanos() <= now);
        ListIterator<?> contacts = request.getHeaders(ContactHeader.NAME);
        while (contacts.hasNext()) {
            ContactHeader contact = (ContactHeader) contacts.next();
            int expires = contact.getExpires() >= 0 ? contact.getExpires() : defaultExpires;
            if (contact.isWildCard()) {
                if (expires != 0) {
                    ctx.provider.sendResponse(ctx.response(Response.BAD_REQUEST, request));
                    return;
                }
                current.clear();
                continue;
            }
            String uri = contact.getAddress().getURI().toString();
            current.removeIf(b -> b.contact().equals(uri));
            if (expires == 0) {
                continue;
            }
            if (expires < MIN_EXPIRES) {
                Response tooBrief = ctx.response(Response.INTERVAL_TOO_BRIEF, request);
                tooBrief.addHeader(ctx.headers.createMinExpiresHeader(MIN_EXPIRES));
                ctx.provider.sendResponse(tooBrief);
                return;
            }
            expires = Math.min(expires, MAX_EXPIRES);
            current.add(new Binding(uri, sourceHost, sourcePort, transport,
                    now + TimeUnit.SECONDS.toNanos(expires)));
        }
        if (current.isEmpty()) {
            bindings.remove(user);
        } else {
            bindings.put(user, List.copyOf(current));
        }
        Response ok = ctx.response(Response.OK, request);
        for (Binding b : current) {
            ContactHeader c = ctx.headers.createContactHeader(ctx.address(b.contact()));
            c.setExpires((int) Math.max(0, TimeUnit.NANOSECONDS.toSeconds(b.expiresAtNanos() - now)));
            ok.addHeader(c);
        }
        ok.addHeader(ctx.headers.createDateHeader(java.util.Calendar.getInstance()));
        ctx.provider.sendResponse(ok);
        log.info("agent " + user + " has " + current.size() + " registered contact(s)");
    }

    /** Unexpired contacts of an agent, oldest first. */
    List<Binding> bindings(String user) {
        long now = nanoClock.getAsLong();
        return bindings.getOrDefault(user, List.of()).stream().filter(b -> b.expiresAtNanos() > now).toList();
    }

    /** The agent whose registered phone sends from this address, if any. */
    Optional<String> agentAt(String host, int port) {
        long now = nanoClock.getAsLong();
        for (Map.Entry<String, List<Binding>> e : bindings.entrySet()) {
            for (Binding b : e.getValue()) {
                if (b.expiresAtNanos() > now && b.sourceHost().equals(host)
                        && (b.sourcePort() == port || b.contact().contains(host + ":" + port))) {
                    return Optional.of(e.getKey());
                }
            }
        }
        return Optional.empty();
    }

    /** Drops a contact that stopped answering OPTIONS qualify probes. */
    void drop(String user, String contact) {
        bindings.computeIfPresent(user, (u, list) -> {
            List<Binding> left = list.stream().filter(b -> !b.contact().equals(contact)).toList();
            return left.isEmpty() ? null : left;
        });
    }

    Map<String, List<Binding>> all() {
        return Map.copyOf(bindings);
    }

    int size() {
        return bindings.values().stream().mapToInt(List::size).sum();
    }
}
