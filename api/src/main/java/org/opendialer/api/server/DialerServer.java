package org.opendialer.api.server;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.net.http.HttpClient;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.opendialer.acd.Acd;
import org.opendialer.acd.calls.QueueCalls;
import org.opendialer.acd.agents.AgentCredentials;
import org.opendialer.acd.agents.AgentRegistrations;
import org.opendialer.api.auth.ClientStore;
import org.opendialer.api.auth.NewClient;
import org.opendialer.api.auth.Scopes;
import org.opendialer.api.auth.TokenService;
import org.opendialer.api.config.ConfigException;
import org.opendialer.api.config.DialerConfig;
import org.opendialer.contacts.dnc.external.ExternalDncLists;
import org.opendialer.api.http.Blocking;
import org.opendialer.api.desktop.Desktop;
import org.opendialer.api.http.HttpApi;
import org.opendialer.campaign.runner.VoiceCampaignRunner;
import org.opendialer.ivr.data.DataActions;
import org.opendialer.ivr.flow.DidRoutes;
import org.opendialer.ivr.flow.FlowStore;
import org.opendialer.ivr.run.FlowExecutions;
import org.opendialer.ivr.run.FlowExecutor;
import org.opendialer.ivr.run.FlowRuntime;
import org.opendialer.ivr.run.FlowsConfig;
import org.opendialer.media.MediaServer;
import org.opendialer.notifications.messaging.Messaging;
import org.opendialer.notifications.voice.VoiceNotifications;
import org.opendialer.sip.SipServer;
import org.opendialer.sip.time.ExecutorScheduler;
import org.opendialer.sip.time.Scheduler;
import org.opendialer.store.Database;
import org.opendialer.webhooks.WebhookDispatcher;
import org.opendialer.webhooks.WebhookOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node: database, Vert.x, API. Starts in dependency order and, when any step fails, stops what already
 * started in reverse order, so a failed start leaves nothing running. {@link #close()} is the graceful
 * shutdown run on SIGTERM.
 */
public final class DialerServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DialerServer.class);
    private static final int START_TIMEOUT_S = 60;
    /** How often this node's ACD router expires timers and makes offers (docs/ACD.md). */
    private static final Duration ACD_TICK = Duration.ofMillis(500);
    /** How often this node checks its queued callers' interactions (offers to ring, overflows, agent requests). */
    private static final Duration ACD_CALLS_POLL = Duration.ofMillis(200);
    /** A node silent this long is dead: its callers' interactions are closed by the others (docs/ACD.md). */
    private static final Duration ACD_DEAD_NODE = Duration.ofSeconds(30);
    private static final Duration CAMPAIGN_TICK = Duration.ofMillis(200);

    private final StopSequence stopOrder = new StopSequence();
    private final DialerConfig config;
    private Database database;
    private Acd acd;
    /** Volatile: flows read it from call threads, and take calls before it is set. */
    private volatile QueueCalls queueCalls;
    private volatile VoiceCampaignRunner campaigns;
    private HttpApi http;
    private Desktop desktop;
    /** Built once the node's flow directory (ACD queues, data actions) is known, in {@link #startFlows}. */
    private FlowStore flowStore;
    /** One for the executor and the API, so a route changed over the API applies to this node's next call. */
    private DidRoutes didRoutes;
    private SipServer sip;
    /** Digest realm of agent phone registrations. */
    public static final String SIP_REALM = "opendialer";
    private NewClient createdAdmin;

    private DialerServer(DialerConfig config) {
        this.config = config;
    }

    /**
     * @param env environment, for the seeded admin client ({@code DIALER_ADMIN_CLIENT_ID}/{@code _SECRET})
     * @throws ConfigException when the admin seed is half given
     * @throws IllegalStateException (or a {@link org.opendialer.store.DatabaseException}) when a part cannot start
     */
    public static DialerServer start(DialerConfig config, Map<String, String> env) {
        String seedId = env.get("DIALER_ADMIN_CLIENT_ID");
        String seedSecret = env.get("DIALER_ADMIN_CLIENT_SECRET");
        if ((seedId == null) != (seedSecret == null)) {
            throw new ConfigException("environment: set both DIALER_ADMIN_CLIENT_ID and DIALER_ADMIN_CLIENT_SECRET, or neither");
        }
        if (seedSecret != null && seedSecret.length() < 16) {
            throw new ConfigException("environment variable DIALER_ADMIN_CLIENT_SECRET: must be at least 16 characters");
        }
        DialerServer s = new DialerServer(config);
        try {
            s.startParts(seedId, seedSecret);
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void startParts(String seedId, String seedSecret) {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        stopOrder.add("metrics", Duration.ofMillis(100), metrics::close);
        List.of(new JvmMemoryMetrics(), new JvmGcMetrics(), new JvmThreadMetrics(), new ProcessorMetrics(),
                new UptimeMetrics()).forEach(b -> b.bindTo(metrics));

        database = Database.start(config.database(), metrics);
        // Started first, stopped last: PostgreSQL outlives every part that writes to it. Budgets of all parts add
        // up to at most StopSequence.TOTAL; a fast shutdown with its checkpoint usually takes well under a second.
        stopOrder.add("database", Duration.ofMillis(1000), database);

        Vertx vertx = Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
                .withMetrics(new MicrometerMetricsFactory(metrics))
                .build();
        stopOrder.add("vertx", Duration.ofMillis(400), () -> vertx.close().await(10, TimeUnit.SECONDS));
        Blocking blocking = new Blocking(vertx);
        stopOrder.add("blocking tasks", Duration.ofMillis(400), blocking);

        ClientStore clients = new ClientStore(database.dataSource());
        TokenService tokens;
        try {
            seedAdmin(clients, seedId, seedSecret);
            tokens = new TokenService(vertx, clients.signingKey(), config.api().tokenTtlSeconds());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare API clients: " + e.getMessage(), e);
        }
        // stops after the services that queue webhooks and before the database; rows left unsent wait for the next start
        WebhookDispatcher dispatcher = new WebhookDispatcher(config.webhooks(), database.dataSource(), vertx,
                Clock.systemUTC(), metrics, Math::random).start();
        stopOrder.add("webhooks", Duration.ofMillis(700), dispatcher);
        WebhookOutbox webhooks = new WebhookOutbox(config.webhooks(), database.dataSource(), Clock.systemUTC(), dispatcher::wake);
        // Closed together with the calls once they run (below); this part only matters when the start fails first.
        CloseOnce<Messaging> messaging = new CloseOnce<>(Messaging.start(config.messaging(), database.dataSource(), Clock.systemUTC(), webhooks));
        stopOrder.add("messaging", Duration.ofMillis(100), messaging);
        org.opendialer.api.messaging.MessagingMetrics.bind(metrics, messaging.part());
        VoiceNotifications calls = startVoice(messaging, webhooks, metrics);
        FlowExecutions flowExecutions = new FlowExecutions(database.dataSource());
        FlowExecutor flows = startFlows(calls, messaging.part(), flowExecutions);
        acd = Acd.start(database.dataSource(), Clock.systemUTC(), new AgentCredentials(database.dataSource(), SIP_REALM),
                ACD_TICK);
        // callers wait on this node's call sessions; offers (any node's tick) for them are rung from here
        ExecutorScheduler acdTimers = Scheduler.system("acd-calls-poll");
        queueCalls = QueueCalls.start(database.dataSource(), Clock.systemUTC(), acdTimers, calls.sessions(), acd.router(),
                "node-" + UUID.randomUUID(), ACD_CALLS_POLL, ACD_DEAD_NODE);
        // a caller an agent sent back to a queue overflows into a flow on the same call
        queueCalls.useOverflowFlows(InboundGlue.overflowFlows(flows, flowStore));
        // a tick or poll under way is short; their threads are daemons, so one cut off never holds the JVM. One
        // part (and budget) for both: the call side stops first, then the router.
        stopOrder.add("acd", Duration.ofMillis(100), () -> {
            queueCalls.close();
            acdTimers.close();
            acd.close();
        });
        // voice campaigns dial through the node's one CallSessions; live answers "to a flow" run on the flow executor
        // one per node: the runner's gate and the API's DNC lists and dry run share its providers and HTTP client
        ExternalDncLists externalDnc = ExternalDncLists.of(database.dataSource(), config.externalDnc(), config.secrets(),
                Clock.systemUTC());
        campaigns = new VoiceCampaignRunner(database.dataSource(), messaging.part().ledger(), calls.sessions(),
                InboundGlue.liveAnswerFlows(flows, flowStore), queueCalls, Clock.systemUTC(), config.calls().nodeId(),
                externalDnc).start(CAMPAIGN_TICK);
        desktop = Desktop.start(vertx, blocking, database.dataSource(), acd, messaging.part().ledger(), Clock.systemUTC());
        // the desktop's hang-up/transfer buttons act on the real calls; its interaction view shows the flow trace
        desktop.use(InboundGlue.callControl(queueCalls));
        desktop.use(InboundGlue.flowTraces(flowExecutions));
        desktop.use(PreviewGlue.decisions(campaigns));
        campaigns.usePreviewCards(PreviewGlue.cards(desktop));
        try {
            http = HttpApi.start(vertx, config.api(), new HttpApi.Deps(database, clients, tokens, blocking, metrics, messaging.part(), calls,
                            Readiness.checks(sip, messaging.part()), flowStore, didRoutes,
                            acd, flowExecutions, desktop, externalDnc))
                    .await(START_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (Exception e) {
            desktop.close();
            throw new IllegalStateException("cannot start the API on " + config.api().bindAddress() + ":"
                    + config.api().port() + ": " + e.getMessage(), e);
        }
        // the desktop's event streams end first (quick: a flag and a listener thread), inside the API's budget
        stopOrder.add("http", Duration.ofMillis(500), () -> {
            desktop.close();
            http.close().await(10, TimeUnit.SECONDS);
        });
        log.info("API listening on {}:{}", config.api().bindAddress(), http.port());
    }

    /**
     * Inbound calls run the flow their DID routes to (resolved per call through the DID routes the API changes, so a
     * change applies to the next call; other nodes' changes within {@link DidRoutes#DEFAULT_TTL}). No stop part of its own: executions end with their calls, which the calls part hangs up.
     * Queue transfers go to this node's ACD call layer ({@link InboundGlue#queueTransfer}), started just after.
     */
    private FlowExecutor startFlows(VoiceNotifications calls, Messaging messaging, FlowExecutions executions) {
        FlowsConfig fc = config.flows();
        var definitions = fc.dataActionDefinitions(System.getenv());
        // one store for the executor, the API and campaigns: flows are checked against this node's queues (by name
        // or id, looked up when a flow is read or saved) and its data actions; an unknown one is a warning
        flowStore = new FlowStore(database.dataSource(), Clock.systemUTC(),
                InboundGlue.flowDirectory(() -> queueCalls, definitions));
        didRoutes = new DidRoutes(database.dataSource(), Clock.systemUTC()).follow(flowStore);
        DataActions actions = new DataActions(definitions, HttpClient.newHttpClient(),
                Clock.systemUTC(), DataActions.Options.DEFAULTS);
        // so the first caller's lookup is not the one that pays for cold classes, the token and the connection
        actions.warmUp().thenRun(() -> log.info("data actions warmed up: {}", definitions.size()));
        FlowExecutor executor = new FlowExecutor(new FlowRuntime(actions, messaging.ledger(),
                InboundGlue.queueTransfer(() -> queueCalls), fc.prompts(), executions, flowStore, Clock.systemUTC()),
                didRoutes);
        executor.takeCalls(calls.sessions());
        return executor;
    }

    /** Media engine, SIP stack (agents authenticated from the database) and the voice notification service. */
    private VoiceNotifications startVoice(CloseOnce<Messaging> messaging, WebhookOutbox webhooks,
                                          PrometheusMeterRegistry metrics) {
        MediaServer media = MediaServer.start(config.media());
        stopOrder.add("media", Duration.ofMillis(300), media);
        MediaMetrics.bind(metrics, media);
        AgentCredentials agents = new AgentCredentials(database.dataSource(), SIP_REALM);
        sip = SipServer.start(config.sip(), agents, SIP_REALM, new AgentRegistrations(database.dataSource()));
        SipMetrics.bind(metrics, sip);
        stopOrder.add("sip", Duration.ofMillis(1200), sip); // JAIN-SIP's stop takes 0.5-1 s
        log.info("SIP listening on {}:{} {}", config.sip().bindAddress(), sip.port(), config.sip().transports());
        SipServer sipServer = sip;
        VoiceNotifications calls = VoiceNotifications.start(sip, media, database.dataSource(), messaging.part().ledger(),
                config.calls(), group -> sipServer.trunks().stream()
                        .filter(t -> group.isEmpty() || t.group().equals(group)).mapToInt(t -> t.capacity()).sum(),
                webhooks);
        calls.metrics().bindTo(metrics);
        // Calls (3 s to end, 1 s for stragglers), messaging (3 s for submits under way) and campaign calls (3 s, then
        // interrupted) drain independently, so they stop side by side; SIP and media stop after them, the database last.
        // The campaign runner starts once the ACD's call side runs (its agent modes hand live answers to it).
        stopOrder.add("calls and messaging", Duration.ofMillis(4200), () -> CloseOnce.inParallel(calls, messaging,
                () -> {
                    if (campaigns != null) {
                        campaigns.close(Duration.ofSeconds(3));
                    }
                }));
        return calls;
    }

    /** The SIP port actually bound (the configured one, or the free one picked for port 0). */
    public int sipPort() {
        return sip.port();
    }

    private void seedAdmin(ClientStore clients, String seedId, String seedSecret) throws SQLException {
        if (seedId != null) {
            clients.upsertSeeded(seedId, seedSecret, List.of(Scopes.ADMIN));
        } else if (!clients.hasAdmin()) {
            createdAdmin = clients.create("admin (created at first start)", List.of(Scopes.ADMIN));
        }
    }

    /** The admin client created by this start, with its secret; empty on every later start. */
    public Optional<NewClient> createdAdmin() {
        return Optional.ofNullable(createdAdmin);
    }

    /** The agent desktop: where the call layer, flow traces and campaigns' previews plug in. */
    public Desktop desktop() {
        return desktop;
    }

    /** This node's ACD: where the call layer and the IVR put interactions and report answers and hang-ups. */
    public Acd acd() {
        return acd;
    }

    /** This node's queued callers: the IVR's transfer-to-queue and the agent desktop's call control act here. */
    public QueueCalls queueCalls() {
        return queueCalls;
    }

    public int apiPort() {
        return http.port();
    }

    public String databaseDescription() {
        return database.description();
    }

    public DialerConfig config() {
        return config;
    }

    /** Where a client on this machine reaches the API, e.g. {@code http://127.0.0.1:8080}. */
    public String apiBaseUrl() {
        String host = config.api().bindAddress().equals("0.0.0.0") ? "127.0.0.1" : config.api().bindAddress();
        return (config.api().tls().enabled() ? "https" : "http") + "://" + host + ":" + apiPort();
    }

    /** The node's database, for tools that seed it through the stores (the demo). */
    public javax.sql.DataSource dataSource() {
        return database.dataSource();
    }

    /**
     * Stops in reverse start order (API first, PostgreSQL last), each part within its budget so the whole stop
     * takes under 10 s; every part gets its turn even when an earlier one fails or overruns (see {@link StopSequence}).
     *
     * @return the parts that did not stop within their budget (also logged)
     */
    public List<String> stop() {
        List<String> late = stopOrder.stopAll();
        if (!late.isEmpty()) {
            log.warn("shutdown went on without waiting for: {}", String.join(", ", late));
        }
        return late;
    }

    @Override
    public void close() {
        stop();
    }
}
