package org.opendialer.ivr.run;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import javax.sql.DataSource;
import org.opendialer.call.CallSession;
import org.opendialer.call.CallSessions;
import org.opendialer.call.OriginateSpec;
import org.opendialer.contacts.consent.Addresses;
import org.opendialer.contacts.consent.ConsentLedger;
import org.opendialer.ivr.data.CrmPresets;
import org.opendialer.ivr.data.CrmStandIn;
import org.opendialer.ivr.data.DataActionDefinition.Auth;
import org.opendialer.ivr.data.DataActions;
import org.opendialer.ivr.flow.DidRoutes;
import org.opendialer.ivr.flow.FlowStore;
import org.opendialer.ivr.flow.FlowValidator;
import org.opendialer.ivr.flow.FlowVersion;
import org.opendialer.ivr.flow.StoredFlow;
import org.opendialer.media.MediaConfig;
import org.opendialer.media.MediaServer;
import org.opendialer.sip.AgentDirectory;
import org.opendialer.sip.SipConfig;
import org.opendialer.sip.SipServer;
import org.opendialer.sip.Sipp;
import org.opendialer.sip.TrunkConfig;
import org.opendialer.store.testing.TestDb;

/**
 * A dialer running flows and a carrier calling it, both real on 127.0.0.1: the dialer side is a SIP stack, a media
 * engine and {@link CallSessions} taken by a {@link FlowExecutor} (PostgreSQL, the CRM stand-in, the consent ledger
 * and a {@link Queue} recording transfers); the carrier side is a second SIP stack and media engine whose sessions
 * place the calls and listen to them like a phone ({@link Caller}).
 */
final class FlowRig implements AutoCloseable {

    /** Records what a flow hands to the ACD and answers with {@link #answer} (Connected by default). */
    static final class Queue implements QueueTransfer {
        final List<Request> requests = new CopyOnWriteArrayList<>();
        final List<String> callIds = new CopyOnWriteArrayList<>();
        volatile Function<Request, Result> answer = r -> new Result.Connected();

        @Override
        public CompletableFuture<Result> transfer(CallSession caller, Request request) {
            callIds.add(caller.callId());
            requests.add(request);
            return CompletableFuture.completedFuture(answer.apply(request));
        }
    }

    final DataSource db = TestDb.dataSource();
    final FlowStore flows = new FlowStore(db, Clock.systemUTC(), FlowValidator.Directory.UNCHECKED);
    final DidRoutes dids = new DidRoutes(db, Clock.systemUTC()).follow(flows);
    final FlowExecutions executions = new FlowExecutions(db);
    final ConsentLedger consent = new ConsentLedger(db, new Addresses("US"));
    final Queue queue = new Queue();
    final CrmStandIn crm;
    final Path dir;
    final FlowExecutor executor;
    final SipServer dialerSip;
    final MediaServer dialerMedia;
    final CallSessions dialer;
    final SipServer carrierSip;
    final MediaServer carrierMedia;
    final CallSessions carrier;
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();

    FlowRig() throws Exception {
        this(40);
    }

    /** @param maxCalls calls the rig can hold at once (media ports on each side, trunk channels) */
    FlowRig(int maxCalls) throws Exception {
        crm = new CrmStandIn();
        dir = Files.createTempDirectory("flowrig");
        Files.createDirectories(dir.resolve("prompts"));
        var oauth = new Auth.ClientCredentials(crm.base() + "/oauth2/token", CrmStandIn.CLIENT_ID, CrmStandIn.CLIENT_SECRET, "crm.read");
        DataActions actions = new DataActions(List.of(
                CrmPresets.salesforce("crm.contactByPhone", crm.base(), "62.0", oauth, false),
                CrmPresets.salesforce("crm.contactByAccount", crm.base(), "62.0", oauth, true)),
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), Clock.systemUTC(),
                DataActions.Options.DEFAULTS);
        // as the server does at start (DialerServer), before its first call
        actions.warmUp().get(2 * DataActions.WARM_UP_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        executor = new FlowExecutor(new FlowRuntime(actions, consent, queue,
                new Prompts(dir.resolve("prompts"), dir.resolve("recordings")), executions, flows, Clock.systemUTC()), dids);

        int dialerPort = Sipp.freeUdpPort();
        int carrierPort = Sipp.freeUdpPort();
        // each side is the other's trunk: the dialer's blind transfers go out to the carrier too
        dialerSip = SipServer.start(new SipConfig("127.0.0.1", dialerPort, 5061, List.of("udp"),
                List.of(trunk("carrier", carrierPort, "c", maxCalls))), AgentDirectory.none(), "dialer.test");
        // one random block for both engines, dialer below carrier: two independent random ranges could overlap, and
        // each engine would then find the other's ports taken (the "RTP port range exhausted" of 200-caller runs);
        // kept under Linux's ephemeral ports (32768 up), where every other process's UDP sockets land
        int span = 4 * mediaPairs(maxCalls);
        int mediaBase = 20000 + 2 * ThreadLocalRandom.current().nextInt(Math.max(1, (32768 - 20000 - span) / 2));
        dialerMedia = media(mediaBase, maxCalls);
        dialer = new CallSessions(dialerSip, dialerMedia, Clock.systemUTC(), pool);
        executor.takeCalls(dialer);

        carrierSip = SipServer.start(new SipConfig("127.0.0.1", carrierPort, 5061, List.of("udp"),
                List.of(trunk("dialer", dialerSip.port(), "d", maxCalls))), AgentDirectory.none(), "carrier.test");
        carrierMedia = media(mediaBase + 2 * mediaPairs(maxCalls), maxCalls);
        carrier = new CallSessions(carrierSip, carrierMedia, Clock.systemUTC(), pool);
    }

    /** Pairs per engine: one per call, and spare pairs for ports other processes on the machine hold. */
    private static int mediaPairs(int maxCalls) {
        return maxCalls + 10 + maxCalls / 4;
    }

    private static MediaServer media(int base, int maxCalls) {
        return MediaServer.start(new MediaConfig("127.0.0.1", base, base + 2 * mediaPairs(maxCalls) - 1));
    }

    private static TrunkConfig trunk(String name, int port, String group, int channels) {
        return new TrunkConfig(name, "trunk", "127.0.0.1", port, "udp", channels, 1000, "US", 0, null, group, "", "",
                "", "+15550001111", true, "none", 0);
    }

    /** Stores and publishes {@code yaml} under a name unique to this run; the flow id is the version's. */
    FlowVersion publish(String yaml) {
        String unique = yaml.replaceFirst("(?m)^name: *(\\S+)", "name: $1-" + UUID.randomUUID().toString().substring(0, 8));
        StoredFlow f = flows.create(unique);
        return flows.publish(f.id());
    }

    /** A new DID for this run, routed to {@code flowId}. */
    String route(UUID flowId) {
        String did = newDid();
        dids.put(did, flowId);
        return did;
    }

    static String newDid() {
        return "+1555" + (1000000 + ThreadLocalRandom.current().nextInt(8999999));
    }

    /** The carrier calls {@code did} from {@code callerNumber}. */
    Caller call(String did, String callerNumber) {
        Caller c = new Caller();
        CallSession s = carrier.originate(OriginateSpec.toNumber(did).withFrom(callerNumber).withTrunkGroup("d"), c.listener);
        c.attach(s);
        return c;
    }

    /** The call's last execution once it has ended (bounded wait). */
    FlowExecutions.Execution ended(String callId) {
        org.opendialer.store.testing.Await.until("the flow execution on " + callId + " ends", () -> {
            var all = executions.byCallId(callId);
            return !all.isEmpty() && all.getLast().outcome() != ExecutionOutcome.RUNNING;
        });
        return executions.byCallId(callId).getLast();
    }

    @Override
    public void close() {
        carrierSip.close();
        dialerSip.close();
        carrierMedia.close();
        dialerMedia.close();
        executor.close();
        pool.shutdownNow();
        crm.close();
    }
}
