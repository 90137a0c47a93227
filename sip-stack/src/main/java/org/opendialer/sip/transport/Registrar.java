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
import org.opendialer.sip.RegistrationEvent.Reason;
import org.opendialer.sip.SipStats.Refusal;

/**
 * Registrar for agent phones (RFC 3261 §10): digest authentication against HA1 values from the database, several
 * contacts per agent, expiry and refresh, and the packet's source address kept beside each contact so calls reach
 * phones behind NAT (the {@code received}/{@code rport} the stack stamps on the Via tell the phone the same).
 * Every change goes to the {@link RegistrationJournal} (store and listeners); stored bindings are loaded at start.
 */
final class Registrar {

    static final int MIN_EXPIRES = 60;
    static final int MAX_EXPIRES = 7200;
    static final int DEFAULT_EXPIRES = 3600;

    /** Digest failures from one address before it backs off; higher than per user as offices share a NAT address. */
    static final int MAX_FAILURES_PER_SOURCE = 10;
    /** Digest failures for one user before it backs off (a registered phone's own address is exempt). */
    static final int MAX_FAILURES_PER_USER = 5;
    /** The window those failures count in, the first back-off, and the cap the doubling back-off never passes. */
    static final long FAILURE_WINDOW_S = 60;
    static final long FIRST_BACKOFF_S = 60;
    static final long MAX_BACKOFF_S = 900;
    /** Longest User-Agent kept per binding (real phones send well under 100 characters). */
    static final int MAX_USER_AGENT = 200;
    /** Verified instead of a missing agent's HA1, so unknown users cost the same digest work as known ones. */
    private static final String UNKNOWN_HA1 = DigestVerifier.md5("unknown:" + System.nanoTime());

    /**
     * One registered contact; {@code sourceHost:sourcePort} is where its REGISTER came from, {@code aor} its To URI
     * and {@code userAgent} its User-Agent (null when absent), kept to show which phone it is.
     */
    record Binding(String contact, String sourceHost, int sourcePort, String transport, long expiresAtNanos,
                   String aor, String userAgent) { }

    private final AgentDirectory agents;
    private final String realm;
    private final SipContext ctx;
    private final LongSupplier nanoClock;
    private final Logger log;
    private final DigestVerifier digest;
    private final Refusals refusals;
    private final FailureThrottle bySource;
    private final FailureThrottle byUser;
    private final Map<String, List<Binding>> bindings = new ConcurrentHashMap<>();
    private final RegistrationJournal journal;

    Registrar(AgentDirectory agents, String realm, SipContext ctx, LongSupplier nanoClock, Refusals refusals,
              RegistrationJournal journal, Logger log) {
        this.agents = agents;
        this.journal = journal;
        this.realm = realm;
        this.ctx = ctx;
        this.nanoClock = nanoClock;
        this.log = log;
        this.digest = new DigestVerifier(realm, nanoClock);
        this.refusals = refusals;
        this.bySource = new FailureThrottle(MAX_FAILURES_PER_SOURCE, FAILURE_WINDOW_S, FIRST_BACKOFF_S, MAX_BACKOFF_S,
                TimeUnit.SECONDS, nanoClock);
        this.byUser = new FailureThrottle(MAX_FAILURES_PER_USER, FAILURE_WINDOW_S, FIRST_BACKOFF_S, MAX_BACKOFF_S,
                TimeUnit.SECONDS, nanoClock);
    }

    void onRegister(RequestEvent event) throws Exception {
        Request request = event.getRequest();
        URI toUri = ((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().getURI();
        String user = toUri instanceof SipURI sip ? sip.getUser() : null;
        if (user == null) {
            ctx.provider.sendResponse(ctx.response(Response.NOT_FOUND, request));
            return;
        }
        String host = ((SIPRequest) request).getRemoteAddress().getHostAddress();
        long wait = Math.max(bySource.remainingNanos(host), registeredFrom(user, host) ? 0 : byUser.remainingNanos(user));
        if (wait > 0) {
            backOff(request, user, host, wait);
            return;
        }
        AuthorizationHeader auth = (AuthorizationHeader) request.getHeader(AuthorizationHeader.NAME);
        if (auth == null || !"Digest".equalsIgnoreCase(auth.getScheme())) {
            challenge(request, false);
            return;
        }
        Optional<String> ha1 = agents.ha1(user);
        boolean known = ha1.isPresent() && user.equals(auth.getUsername());
        DigestVerifier.Result result = digest.verify(request, auth, known ? ha1.get() : UNKNOWN_HA1);
        if (!known) {
            result = DigestVerifier.Result.BAD;
        }
        if (result == DigestVerifier.Result.STALE) {
            challenge(request, true);
            return;
        }
        if (result != DigestVerifier.Result.OK) {
            bySource.failed(host);
            byUser.failed(user);
            refusals.refused(Refusal.BAD_CREDENTIALS, host,
                    () -> "REGISTER for " + user + " from " + host + " refused: bad credentials");
            ctx.provider.sendResponse(ctx.response(Response.FORBIDDEN, request));
            return;
        }
        byUser.reset(user);
        update(user, request);
    }

    /**
     * 503 with Retry-After (RFC 3261 §21.5.4) rather than 403: phones wait and retry instead of giving up until
     * someone reboots them, and the digest is not checked, so guessing gains nothing.
     */
    private void backOff(Request request, String user, String host, long waitNanos) throws Exception {
        int seconds = (int) Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + TimeUnit.SECONDS.toNanos(1) - 1));
        Response busy = ctx.response(Response.SERVICE_UNAVAILABLE, request);
        busy.addHeader(ctx.headers.createRetryAfterHeader(seconds));
        refusals.refused(Refusal.THROTTLED, host, () -> "REGISTER for " + user + " from " + host
                + " refused for " + seconds + " s more: too many failed digests from this address or for this user");
        ctx.provider.sendResponse(busy); // after counting: whoever sees the 503 also sees the count
    }

    /** Whether a live registration of this user came from this address: an attacker elsewhere cannot lock it out. */
    private boolean registeredFrom(String user, String host) {
        return bindings(user).stream().anyMatch(b -> b.sourceHost().equals(host));
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
        String aor = sip.getTo() == null ? null : sip.getTo().getAddress().getURI().toString();
        javax.sip.header.Header ua = request.getHeader(javax.sip.header.UserAgentHeader.NAME);
        String userAgent = ua instanceof gov.nist.javax.sip.header.SIPHeader h ? h.getHeaderValue().strip() : null;
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT) { // shown and stored, not trusted: bounded
            userAgent = userAgent.substring(0, MAX_USER_AGENT);
        }
        long now = nanoClock.getAsLong();
        List<Binding> current;
        List<Binding> ended = new ArrayList<>();
        List<Binding> expired;
        List<Binding> added = new ArrayList<>();
        List<String> known;
        synchronized (bindings) {
            current = new ArrayList<>(bindings.getOrDefault(user, List.of()));
            expired = current.stream().filter(b -> b.expiresAtNanos() <= now).toList();
            current.removeAll(expired);
            known = current.stream().map(Binding::contact).toList();
            ListIterator<?> contacts = request.getHeaders(ContactHeader.NAME);
            while (contacts.hasNext()) {
                ContactHeader contact = (ContactHeader) contacts.next();
                int expires = contact.getExpires() >= 0 ? contact.getExpires() : defaultExpires;
                if (contact.isWildCard()) {
                    if (expires != 0) {
                        ctx.provider.sendResponse(ctx.response(Response.BAD_REQUEST, request));
                        return;
                    }
                    ended.addAll(current);
                    current.clear();
                    continue;
                }
                String uri = contact.getAddress().getURI().toString();
                Optional<Binding> old = current.stream().filter(b -> b.contact().equals(uri)).findFirst();
                old.ifPresent(current::remove);
                if (expires == 0) {
                    old.ifPresent(ended::add);
                    continue;
                }
                if (expires < MIN_EXPIRES) {
                    Response tooBrief = ctx.response(Response.INTERVAL_TOO_BRIEF, request);
                    tooBrief.addHeader(ctx.headers.createMinExpiresHeader(MIN_EXPIRES));
                    ctx.provider.sendResponse(tooBrief);
                    return;
                }
                expires = Math.min(expires, MAX_EXPIRES);
                Binding b = new Binding(uri, sourceHost, sourcePort, transport, now + TimeUnit.SECONDS.toNanos(expires),
                        aor, userAgent);
                current.add(b);
                added.add(b);
                old.ifPresent(ended::remove); // a refresh, not an end
            }
            if (current.isEmpty()) {
                bindings.remove(user);
            } else {
                bindings.put(user, List.copyOf(current));
            }
            // Queued under the lock and before the 200: the phone's next REGISTER (maybe on another stack thread)
            // cannot get its change journalled ahead of this one. Queuing is cheap; the journal writes elsewhere.
            expired.forEach(b -> journal.ended(user, b, Reason.EXPIRED));
            ended.forEach(b -> journal.ended(user, b, Reason.REMOVED));
            for (Binding b : added) {
                journal.saved(user, b, !known.contains(b.contact()));
            }
        }
        Response ok = ctx.response(Response.OK, request);
        for (Binding b : current) {
            ContactHeader c = ctx.headers.createContactHeader(ctx.address(b.contact()));
            c.setExpires((int) Math.max(0, TimeUnit.NANOSECONDS.toSeconds(b.expiresAtNanos() - now)));
            ok.addHeader(c);
        }
        var date = java.util.GregorianCalendar.from(java.time.ZonedDateTime.now(ctx.timers.clock()));
        ok.addHeader(ctx.headers.createDateHeader(date));
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
        List<Binding> gone = new ArrayList<>();
        synchronized (bindings) {
            bindings.computeIfPresent(user, (u, list) -> keep(list, b -> !b.contact().equals(contact), gone));
            gone.forEach(b -> journal.ended(user, b, Reason.UNREACHABLE));
        }
    }

    /**
     * Forgets every binding past its expiry and announces it. Lookups already skip expired bindings; this makes
     * the end visible to listeners and the store when it happens, not at the agent's next REGISTER.
     */
    void sweep() {
        long now = nanoClock.getAsLong();
        for (String user : List.copyOf(bindings.keySet())) {
            List<Binding> gone = new ArrayList<>();
            synchronized (bindings) {
                bindings.computeIfPresent(user, (u, list) -> keep(list, b -> b.expiresAtNanos() > now, gone));
                gone.forEach(b -> journal.ended(user, b, Reason.EXPIRED));
            }
        }
    }

    /** Puts the still-valid bindings of the store back at start, before the stack takes requests. */
    void load() {
        for (RegistrationJournal.Loaded l : journal.load()) {
            bindings.merge(l.user(), List.of(l.binding()), (a, b) -> {
                List<Binding> both = new ArrayList<>(a);
                both.addAll(b);
                return List.copyOf(both);
            });
        }
        if (!bindings.isEmpty()) {
            log.info(size() + " stored agent contact(s) loaded");
        }
    }

    private static List<Binding> keep(List<Binding> list, java.util.function.Predicate<Binding> keep,
                                      List<Binding> gone) {
        List<Binding> left = new ArrayList<>();
        for (Binding b : list) {
            (keep.test(b) ? left : gone).add(b);
        }
        return left.isEmpty() ? null : List.copyOf(left);
    }

    Map<String, List<Binding>> all() {
        return Map.copyOf(bindings);
    }

    int size() {
        return bindings.values().stream().mapToInt(List::size).sum();
    }
}
