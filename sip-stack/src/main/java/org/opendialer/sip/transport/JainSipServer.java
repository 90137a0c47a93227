package org.opendialer.sip.transport;

import gov.nist.javax.sip.SipStackExt;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sip.ListeningPoint;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import org.jitsi.utils.logging2.Logger;
import org.jitsi.utils.logging2.LoggerImpl;
import org.opendialer.sip.AgentDirectory;
import org.opendialer.sip.CallEvent;
import org.opendialer.sip.CallListener;
import org.opendialer.sip.Disposition;
import org.opendialer.sip.InboundHandler;
import org.opendialer.sip.OriginateRequest;
import org.opendialer.sip.Q850;
import org.opendialer.sip.RegistrationListener;
import org.opendialer.sip.RegistrationStore;
import org.opendialer.sip.SipConfig;
import org.opendialer.sip.SipServer;
import org.opendialer.sip.SipStartException;
import org.opendialer.sip.SipStats;
import org.opendialer.sip.TrunkConfig;
import org.opendialer.sip.time.ExecutorScheduler;
import org.opendialer.sip.time.Scheduler;
import org.opendialer.sip.trunk.TrunkState;
import org.opendialer.sip.trunk.TrunkStatus;

/**
 * The one adapter over JAIN-SIP: owns the stack, its provider and listening points, every live {@link Leg} by
 * Call-ID, the registrar and the trunks. Implements the call-control port by handing each operation to the leg's
 * serial executor; {@link SipDispatcher} does the same for events coming from the stack.
 */
public final class JainSipServer implements SipServer, LegRegistry {

    private static final Logger LOG = new LoggerImpl(JainSipServer.class.getName());

    private final SipStack stack;
    private final SipContext ctx;
    private final TrunkSupervisor trunkSupervisor;
    private final Registrar registrar;
    private final RegistrationJournal journal;
    private AgentQualifier qualifier;
    private final Prober prober;
    private final ChallengeAnswerer challenges;
    private final TargetPlanner planner;
    private final Map<String, Leg> legs = new ConcurrentHashMap<>();
    private final Map<String, InboundHandler> routes = new ConcurrentHashMap<>();
    private final Refusals refusals;
    private final LegTies ties = new LegTies(this::onLeg, this::originate);
    private final ExecutorService executor;
    private final SipConfig.Admission admission;
    private final SetupLane setupLane;
    /** The timers' scheduler when this server made it (closed with the server), else a no-op. */
    private final AutoCloseable ownTimers;
    /** Periodic timers of this server: cancelled at close, as a shared scheduler outlives the server. */
    private final List<Scheduler.Cancellable> periodic = new java.util.concurrent.CopyOnWriteArrayList<>();

    private JainSipServer(SipStack stack, SipContext ctx, List<TrunkState> trunks, AgentDirectory agents,
                          String realm, RegistrationStore registrations, Refusals refusals, ExecutorService executor,
                          AutoCloseable ownTimers, SipConfig.Admission admission) {
        this.stack = stack;
        this.admission = admission;
        this.setupLane = new SetupLane(admission.setupsAtOnce(), admission.maxWaiting());
        this.ctx = ctx;
        this.refusals = refusals;

        this.executor = executor;
        this.ownTimers = ownTimers;
        this.journal = new RegistrationJournal(registrations, executor, ctx.timers.clock(), ctx.timers::nanoTime, LOG);
        this.registrar = new Registrar(agents, realm, ctx, ctx.timers::nanoTime, refusals, journal, LOG);
        this.prober = new Prober(ctx, LOG);
        this.trunkSupervisor = new TrunkSupervisor(trunks, prober, ctx, LOG);
        this.challenges = new ChallengeAnswerer((SipStackExt) stack, ctx.headers, ctx.provider);
        this.planner = new TargetPlanner(ctx, LOG);
    }

    /** With timers in real time on a thread of the server's own, stopped by {@link #close()}. */
    public static JainSipServer start(SipConfig config, AgentDirectory agents, String realm,
                                      RegistrationStore registrations) {
        ExecutorScheduler own = Scheduler.system("sip-timers");
        return start(config, agents, realm, registrations, own, own);
    }

    /** With every timer of ours on {@code timers}, which the caller owns (virtual time in tests). */
    public static JainSipServer start(SipConfig config, AgentDirectory agents, String realm,
                                      RegistrationStore registrations, Scheduler timers) {
        return start(config, agents, realm, registrations, timers, () -> { });
    }

    private static JainSipServer start(SipConfig config, AgentDirectory agents, String realm,
                                       RegistrationStore registrations, Scheduler timers, AutoCloseable ownTimers) {
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        SipStack stack = null;
        int port = config.port();
        try {
            SipFactory factory = SipFactory.getInstance();
            factory.setPathName("gov.nist");
            stack = factory.createSipStack(SipStackSetup.properties(config));
            Refusals refusals = new Refusals(LOG::info, timers::nanoTime);
            StrangerValve strangers = new StrangerValve(refusals, LOG);
            // before any listening point exists: the stack reads this list unguarded on its receive threads
            ((SIPTransactionStack) stack).sipMessageValves.add(strangers);
            ListeningPorts.Bound bound = ListeningPorts.listen(stack, config);
            port = bound.port();
            int tlsPort = bound.tlsPort();
            SipProvider provider = stack.createSipProvider(bound.points().getFirst());
            for (ListeningPoint lp : bound.points().subList(1, bound.points().size())) {
                provider.addListeningPoint(lp);
            }
            SipContext ctx = new SipContext(provider, factory.createHeaderFactory(), factory.createAddressFactory(),
                    factory.createMessageFactory(), config.bindAddress(), port, tlsPort, executor, timers);
            List<TrunkState> trunks = config.trunks().stream().map(t -> new TrunkState(t, timers::nanoTime)).toList();
            JainSipServer server = new JainSipServer(stack, ctx, trunks, agents, realm, registrations, refusals,
                    executor, ownTimers, config.admission());
            server.registrar.load();
            strangers.bind(server, ctx);
            provider.addSipListener(new SipDispatcher(server, ctx, LOG));
            Duration summaryEvery = Duration.ofSeconds(Refusals.INTERVAL_SECONDS);
            server.periodic.add(timers.scheduleWithFixedDelay(refusals::summarize, summaryEvery, summaryEvery));
            stack.start();
            server.periodic.addAll(server.trunkSupervisor.start());
            server.qualifier = new AgentQualifier(server.registrar, server.prober, ctx, LOG);
            server.periodic.add(server.qualifier.start());
            // Lookups already skip lapsed bindings; the sweep announces each end within a second of its Expires.
            Duration second = Duration.ofSeconds(1);
            server.periodic.add(timers.scheduleWithFixedDelay(server.registrar::sweep, second, second));
            LOG.info("SIP listening on " + config.bindAddress() + ":" + port + " " + config.transports()
                    + " with " + trunks.size() + " trunk(s)");
            return server;
        } catch (SipStartException e) {
            stopQuietly(stack, executor, ownTimers);
            throw e;
        } catch (Exception e) {
            stopQuietly(stack, executor, ownTimers);
            throw new SipStartException("SIP could not listen on " + config.bindAddress() + ":" + port
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int tlsPort() {
        return ctx.tlsPort;
    }

    @Override
    public int port() {
        return ctx.port;
    }

    // ---- call-control port ----

    @Override
    public String originate(OriginateRequest request, CallListener listener) {
        String id = ctx.provider.getNewCallId().getCallId();
        List<Target> targets = new ArrayList<>();
        String problem = request.agent() ? planner.agentTargets(request, registrar.bindings(request.to()), targets)
                : planner.trunkTargets(request, trunkSupervisor.trunks(), targets);
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
    public void earlyAnswer(String callId, String sdpAnswer) {
        onInbound(callId, leg -> leg.earlyAnswer(sdpAnswer));
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
        ties.bridge(callIdA, callIdB);
    }

    @Override
    public void unbridge(String callIdA, String callIdB) {
        ties.unbridge(callIdA, callIdB);
    }

    @Override
    public String transfer(String callId, OriginateRequest request, CallListener listener) {
        return ties.transfer(callId, request, listener);
    }

    @Override
    public void sendDtmf(String callId, char digit, int durationMs) {
        onLeg(callId, leg -> leg.sendInfoDtmf(digit, durationMs));
    }

    @Override
    public void referProgress(String callId, int sipStatus) {
        onLeg(callId, leg -> leg.referProgress(sipStatus));
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
    public void onRegistration(RegistrationListener listener) {
        journal.addListener(listener);
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
        leg.sipCallIds.add(sipCallId);
        legs.put(sipCallId, leg);
    }

    @Override
    public void remove(Leg leg) {
        legs.remove(leg.id, leg);
        leg.sipCallIds.forEach(id -> legs.remove(id, leg));
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
        return trunkSupervisor.trunkAt(address);
    }

    TrunkConfig trunkConfig(String name) {
        return trunkSupervisor.config(name);
    }

    Registrar registrar() {
        return registrar;
    }

    SetupLane setupLane() {
        return setupLane;
    }

    SipConfig.Admission admission() {
        return admission;
    }

    Prober prober() {
        return prober;
    }

    /** Probes every registered phone now instead of at the next interval (tests). */
    void qualifyAgentsNow() {
        qualifier.qualifyAll();
    }

    /**
     * Who may call in from this address: the trunk's name, {@code agent:<user>} for a registered phone, or null
     * for a stranger.
     */
    String sourceOf(String host, int port) {
        String trunk = trunkAt(host);
        return trunk != null ? trunk : registrar.agentAt(host, port).map(a -> "agent:" + a).orElse(null);
    }

    Refusals refusals() {
        return refusals;
    }

    // ---- status and lifecycle ----

    @Override
    public List<TrunkStatus> trunks() {
        return trunkSupervisor.trunks().stream().map(TrunkState::status).toList();
    }

    @Override
    public SipStats stats() {
        SIPTransactionStack s = (SIPTransactionStack) stack;
        int transactions = s.getClientTransactionTableSize() + s.getServerTransactionTableSize();
        int active = (int) legs.values().stream().distinct().count();
        return new SipStats(active, s.getDialogs().size(), transactions, refusals.totals(), registrar.size(),
                ctx.traffic.invitesIn.sum(), ctx.traffic.invitesOut.sum(), ctx.traffic.responses());
    }

    @Override
    public void close() {
        periodic.forEach(Scheduler.Cancellable::cancel);
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
        stopQuietly(stack, executor, ownTimers);
    }

    private static void stopQuietly(SipStack stack, ExecutorService executor, AutoCloseable ownTimers) {
        try {
            ownTimers.close();
        } catch (Exception e) {
            LOG.warn("timers did not stop: " + e.getMessage());
        }
        if (stack != null) {
            try {
                SipStackSetup.stop(stack);
            } catch (RuntimeException e) {
                // JAIN-SIP's UDP processor can trip over its own thread list while a receive thread still ends
                // (ConcurrentModificationException in UDPMessageProcessor.stop), or over the channel list its
                // receive thread has not made yet when stopped right after the start (NullPointerException); its
                // socket is closed first either way
                LOG.warn("SIP stack stop: " + e);
            }
        }
        executor.shutdown();
    }
}
