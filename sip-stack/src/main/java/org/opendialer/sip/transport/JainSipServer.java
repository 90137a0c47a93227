package org.opendialer.sip.transport;

import gov.nist.javax.sip.SipStackExt;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.ListeningPoint;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.address.SipURI;
import org.jitsi.utils.logging2.Logger;
import org.jitsi.utils.logging2.LoggerImpl;
import org.opendialer.sip.AgentDirectory;
import org.opendialer.sip.CallEvent;
import org.opendialer.sip.CallListener;
import org.opendialer.sip.Disposition;
import org.opendialer.sip.InboundHandler;
import org.opendialer.sip.OriginateRequest;
import org.opendialer.sip.Q850;
import org.opendialer.sip.SipConfig;
import org.opendialer.sip.SipServer;
import org.opendialer.sip.SipStartException;
import org.opendialer.sip.SipStats;
import org.opendialer.sip.TrunkConfig;
import org.opendialer.sip.trunk.NumberNormalizer;
import org.opendialer.sip.trunk.TrunkState;
import org.opendialer.sip.trunk.TrunkStatus;

/**
 * The one adapter over JAIN-SIP: owns the stack, its provider and listening points, every live {@link Leg} by
 * Call-ID, the registrar and the trunks. Implements the call-control port by handing each operation to the leg's
 * serial executor; {@link SipDispatcher} does the same for events coming from the stack.
 */
public final class JainSipServer implements SipServer, LegRegistry {

    private static final Logger LOG = new LoggerImpl(JainSipServer.class.getName());
    private static final int UDP_BUFFER_BYTES = 4 << 20;

    private final SipStack stack;
    private final SipContext ctx;
    private final List<TrunkState> trunks;
    private final Registrar registrar;
    private final Prober prober;
    private final ChallengeAnswerer challenges;
    private final TargetPlanner planner;
    private final Map<String, Leg> legs = new ConcurrentHashMap<>();
    private final Map<String, InboundHandler> routes = new ConcurrentHashMap<>();
    private final AtomicLong rejectedUntrusted = new AtomicLong();
    private final ExecutorService executor;
    private final ScheduledExecutorService timers;
    private final Map<String, String> trunkAddresses;

    private JainSipServer(SipStack stack, SipContext ctx, List<TrunkState> trunks, AgentDirectory agents,
                          String realm, ExecutorService executor, ScheduledExecutorService timers) {
        this.stack = stack;
        this.ctx = ctx;
        this.trunks = trunks;
        this.executor = executor;
        this.timers = timers;
        this.registrar = new Registrar(agents, realm, ctx, System::nanoTime, LOG);
        this.prober = new Prober(ctx, LOG);
        this.challenges = new ChallengeAnswerer((SipStackExt) stack, ctx.headers, ctx.provider);
        this.trunkAddresses = resolveTrunks(trunks);
        this.planner = new TargetPlanner(ctx, LOG);
    }

    public static JainSipServer start(SipConfig config, AgentDirectory agents, String realm) {
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sip-timers");
            t.setDaemon(true);
            return t;
        });
        SipStack stack = null;
        int port = config.port() == 0 ? freePort(config.bindAddress()) : config.port();
        int tlsPort = !config.transports().contains("tls") ? 0
                : config.tlsPort() == 0 ? freePort(config.bindAddress()) : config.tlsPort();
        try {
            SipFactory factory = SipFactory.getInstance();
            factory.setPathName("gov.nist");
            stack = factory.createSipStack(stackProperties(config));
            SipProvider provider = null;
            for (String transport : config.transports()) {
                ListeningPoint lp = stack.createListeningPoint(config.bindAddress(),
                        transport.equals("tls") ? tlsPort : port, transport);
                if (provider == null) {
                    provider = stack.createSipProvider(lp);
                } else {
                    provider.addListeningPoint(lp);
                }
            }
            SipContext ctx = new SipContext(provider, factory.createHeaderFactory(), factory.createAddressFactory(),
                    factory.createMessageFactory(), config.bindAddress(), port, tlsPort, executor, timers);
            List<TrunkState> trunks = config.trunks().stream().map(t -> new TrunkState(t, System::nanoTime)).toList();
            JainSipServer server = new JainSipServer(stack, ctx, trunks, agents, realm, executor, timers);
            provider.addSipListener(new SipDispatcher(server, ctx, LOG));
            stack.start();
            server.scheduleKeepAlives();
            LOG.info("SIP listening on " + config.bindAddress() + ":" + port + " " + config.transports()
                    + " with " + trunks.size() + " trunk(s)");
            return server;
        } catch (SipStartException e) {
            stopQuietly(stack, executor, timers);
            throw e;
        } catch (Exception e) {
            stopQuietly(stack, executor, timers);
            throw new SipStartException("SIP could not listen on " + config.bindAddress() + ":" + port
                    + ": " + e.getMessage(), e);
        }
    }

    /** A port free for both UDP and TCP on the address (JAIN-SIP cannot listen on port 0 and report it). */
    private static int freePort(String address) {
        for (int i = 0; i < 20; i++) {
            try (java.net.DatagramSocket udp = new java.net.DatagramSocket(0, InetAddress.getByName(address));
                 java.net.ServerSocket tcp = new java.net.ServerSocket(udp.getLocalPort(), 50,
                         InetAddress.getByName(address))) {
                return tcp.getLocalPort();
            } catch (java.io.IOException inUse) {
                // the TCP side of this port is taken: try another
            }
        }
        throw new SipStartException("no free SIP port on " + address, null);
    }

    @Override
    public int tlsPort() {
        return ctx.tlsPort;
    }

    @Override
    public int port() {
        return ctx.port;
    }

    private static Properties stackProperties(SipConfig config) {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "opendialer-" + config.bindAddress() + "-" + System.nanoTime());
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "4");
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "65536");
        // JAIN-SIP asks for 64 KiB socket buffers, about 50 small datagrams: a burst of responses overflows them and
        // the lost ones cost retransmission timers (or whole calls with strict peers). The kernel caps the request
        // at net.core.rmem_max / wmem_max.
        p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", Integer.toString(UDP_BUFFER_BYTES));
        p.setProperty("gov.nist.javax.sip.SEND_UDP_BUFFER_SIZE", Integer.toString(UDP_BUFFER_BYTES));
        p.setProperty("gov.nist.javax.sip.AGGRESSIVE_CLEANUP", "true");
        p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY", StrictMessageParserFactory.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jServerLogger.class.getName());
        if (!config.tls().keyStore().isEmpty()) {
            // One PKCS#12 file: our certificate for TLS listening, and the CAs we trust for TLS trunks.
            p.setProperty("javax.net.ssl.keyStore", config.tls().keyStore());
            p.setProperty("javax.net.ssl.keyStorePassword", config.tls().keyStorePassword());
            p.setProperty("javax.net.ssl.keyStoreType", "PKCS12");
            p.setProperty("javax.net.ssl.trustStore", config.tls().keyStore());
            p.setProperty("javax.net.ssl.trustStorePassword", config.tls().keyStorePassword());
            p.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", "TLSv1.2,TLSv1.3");
            // JAIN-SIP's built-in list is 2010-era RSA/3DES suites that today's JDKs disable: use the JDK's defaults.
            p.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", String.join(",", defaultCipherSuites()));
        }
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", org.slf4j.LoggerFactory.getLogger("sip.messages").isTraceEnabled() ? "TRACE" : "ERROR");
        return p;
    }

    private static String[] defaultCipherSuites() {
        try {
            return javax.net.ssl.SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new SipStartException("no TLS implementation in this JDK", e);
        }
    }

    private static Map<String, String> resolveTrunks(List<TrunkState> trunks) {
        Map<String, String> byAddress = new ConcurrentHashMap<>();
        for (TrunkState t : trunks) {
            try {
                for (InetAddress a : InetAddress.getAllByName(t.config().host())) {
                    byAddress.putIfAbsent(a.getHostAddress(), t.name());
                }
            } catch (java.net.UnknownHostException e) {
                LOG.warn("trunk " + t.name() + ": host " + t.config().host() + " does not resolve; its INVITEs will"
                        + " be refused");
            }
        }
        return byAddress;
    }

    private void scheduleKeepAlives() {
        new AgentQualifier(registrar, prober, ctx, LOG).start(timers);
        for (TrunkState t : trunks) {
            int every = t.config().keepAliveSeconds();
            if (every > 0) {
                timers.scheduleWithFixedDelay(() -> probe(t), 0, every, TimeUnit.SECONDS);
            }
        }
    }

    private void probe(TrunkState t) {
        try {
            SipURI uri = ctx.addresses.createSipURI(null, t.config().host());
            uri.setPort(t.config().port());
            prober.probe(uri, t.config().transport(), t.config().outboundProxy(), alive -> {
                if (alive != t.isUp()) {
                    LOG.info("trunk " + t.name() + " is now " + (alive ? "up" : "down"));
                }
                t.markUp(alive);
            });
        } catch (Exception e) {
            LOG.warn("keep-alive for " + t.name() + " failed: " + e.getMessage());
        }
    }

    // ---- call-control port ----

    @Override
    public String originate(OriginateRequest request, CallListener listener) {
        String id = ctx.provider.getNewCallId().getCallId();
        List<Target> targets = new ArrayList<>();
        String problem = request.agent() ? planner.agentTargets(request, registrar.bindings(request.to()), targets)
                : planner.trunkTargets(request, trunks, targets);
        OutboundLeg leg = new OutboundLeg(id, ctx, this, listener, LOG, request, targets, challenges);
        legs.put(id, leg);
        leg.executor.execute(() -> {
            if (problem != null) {
                Disposition d = request.agent() ? Disposition.NO_ANSWER : Disposition.INVALID_NUMBER;
                int cause = request.agent() ? Q850.NO_USER_RESPONDING : Q850.INVALID_NUMBER_FORMAT;
                leg.finish(new CallEvent.Failed(id, 0, cause, d, problem, ""));
            } else {
                leg.start();
            }
        });
        return id;
    }

    @Override
    public void ringing(String callId) {
        onInbound(callId, InboundLeg::ringing);
    }

    @Override
    public void answer(String callId, String sdpAnswer) {
        onInbound(callId, leg -> leg.answer(sdpAnswer));
    }

    @Override
    public void reject(String callId, int q850Cause) {
        onInbound(callId, leg -> leg.reject(q850Cause));
    }

    @Override
    public void hangup(String callId, int q850Cause) {
        onLeg(callId, leg -> leg.hangup(q850Cause));
    }

    @Override
    public void bridge(String callIdA, String callIdB) {
        onLeg(callIdA, leg -> leg.bridgedTo = callIdB);
        onLeg(callIdB, leg -> leg.bridgedTo = callIdA);
    }

    @Override
    public String transfer(String callId, OriginateRequest request, CallListener listener) {
        java.util.concurrent.atomic.AtomicReference<String> target = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.CountDownLatch idKnown = new java.util.concurrent.CountDownLatch(1);
        target.set(originate(request, event -> {
            if (event instanceof CallEvent.Answered) {
                awaitQuietly(idKnown);
                String newLeg = target.get();
                onLeg(callId, customer -> {
                    String previous = customer.bridgedTo;
                    customer.bridgedTo = newLeg;
                    if (previous != null) {
                        onLeg(previous, old -> {
                            old.bridgedTo = null; // its end must not take the transferred customer with it
                            old.hangup(Q850.NORMAL_CLEARING);
                        });
                    }
                });
                onLeg(newLeg, leg -> leg.bridgedTo = callId);
            }
            listener.onEvent(event);
        }));
        idKnown.countDown();
        return target.get();
    }

    private static void awaitQuietly(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void sendDtmf(String callId, char digit, int durationMs) {
        onLeg(callId, leg -> leg.sendInfoDtmf(digit, durationMs));
    }

    @Override
    public void reinvite(String callId, String sdpOffer) {
        onLeg(callId, leg -> leg.reinvite(sdpOffer));
    }

    @Override
    public void route(String did, InboundHandler handler) {
        routes.put(did, handler);
    }

    @Override
    public List<String> registeredContacts(String agentUser) {
        return registrar.bindings(agentUser).stream().map(Registrar.Binding::contact).toList();
    }

    private void onLeg(String callId, java.util.function.Consumer<Leg> op) {
        Leg leg = legs.get(callId);
        if (leg == null) {
            LOG.debug(() -> "operation on unknown or finished call " + callId + " ignored");
            return;
        }
        leg.executor.execute(() -> op.accept(leg));
    }

    private void onInbound(String callId, java.util.function.Consumer<InboundLeg> op) {
        onLeg(callId, leg -> {
            if (leg instanceof InboundLeg in) {
                op.accept(in);
            }
        });
    }

    // ---- leg registry ----

    @Override
    public void alias(String sipCallId, Leg leg) {
        legs.put(sipCallId, leg);
    }

    @Override
    public void remove(Leg leg) {
        legs.values().removeIf(l -> l == leg);
    }

    @Override
    public void hangupPartner(String legId, int cause) {
        hangup(legId, cause);
    }

    // ---- for the dispatcher ----

    Leg leg(String sipCallId) {
        return legs.get(sipCallId);
    }

    void register(InboundLeg leg) {
        legs.put(leg.id, leg);
    }

    InboundHandler routeFor(String did) {
        InboundHandler h = routes.get(did);
        return h != null ? h : routes.get("*");
    }

    /** Trunk name for a source address, or null when the address is no configured trunk. */
    String trunkAt(String address) {
        return trunkAddresses.get(address);
    }

    TrunkConfig trunkConfig(String name) {
        return trunks.stream().map(TrunkState::config).filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    Registrar registrar() {
        return registrar;
    }

    Prober prober() {
        return prober;
    }

    void countUntrusted() {
        rejectedUntrusted.incrementAndGet();
    }

    // ---- status and lifecycle ----

    @Override
    public List<TrunkStatus> trunks() {
        return trunks.stream().map(TrunkState::status).toList();
    }

    @Override
    public SipStats stats() {
        SIPTransactionStack s = (SIPTransactionStack) stack;
        int transactions = s.getClientTransactionTableSize() + s.getServerTransactionTableSize();
        int active = (int) legs.values().stream().distinct().count();
        return new SipStats(active, s.getDialogs().size(), transactions, rejectedUntrusted.get(), registrar.size());
    }

    @Override
    public void close() {
        for (Leg leg : List.copyOf(legs.values())) {
            leg.executor.execute(() -> leg.hangup(Q850.NORMAL_CLEARING));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!legs.isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stopQuietly(stack, executor, timers);
    }

    private static void stopQuietly(SipStack stack, ExecutorService executor, ScheduledExecutorService timers) {
        timers.shutdownNow();
        if (stack != null) {
            stack.stop();
        }
        executor.shutdown();
    }
}
