package org.opendialer.api.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.opendialer.acd.agents.AgentRegistrations;
import org.opendialer.api.TestServers;
import org.opendialer.api.config.ConfigLoader;
import org.opendialer.api.server.DialerServer;
import org.opendialer.call.Audio;
import org.opendialer.call.CallSession;
import org.opendialer.call.CallSessions;
import org.opendialer.call.OriginateSpec;
import org.opendialer.ivr.data.CrmStandIn;
import org.opendialer.media.FrameTap;
import org.opendialer.media.MediaConfig;
import org.opendialer.media.MediaServer;
import org.opendialer.media.Playable;
import org.opendialer.sip.AgentDirectory;
import org.opendialer.sip.SipConfig;
import org.opendialer.sip.SipServer;
import org.opendialer.sip.Sipp;
import org.opendialer.sip.TrunkConfig;
import org.opendialer.store.Database;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A whole dialer node as it is deployed (DialerServer from a configuration file, embedded PostgreSQL) whose flows'
 * data actions point at the CRM stand-in, and a carrier in front of it: a second SIP stack and media engine on
 * 127.0.0.1 whose sessions place the customers' calls and listen to them like a phone ({@link Ear}).
 * Everything the test sets up on the dialer goes through its HTTP API.
 */
final class InboundRig implements AutoCloseable {

    static final String ADMIN_ID = "inbound-admin";
    static final String ADMIN_SECRET = "inbound-admin-secret-0123456789";
    /** What every customer sends once the call is answered, so the agent's phone can tell it apart. */
    static final double CUSTOMER_HZ = 700;
    /** What any number the dialer calls out on the carrier (an agent's transfer) answers with. */
    static final double OUTSIDE_HZ = 900;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final CrmStandIn crm;
    final DialerServer server;
    final String base;
    final String admin;
    /** A second pool on the node's PostgreSQL, to read what the API does not show (phone registrations). */
    final Database database;
    final SipServer carrierSip;
    final MediaServer carrierMedia;
    final CallSessions carrier;
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();

    InboundRig(Path dir) throws Exception {
        crm = new CrmStandIn();
        Path actions = dir.resolve("data-actions.yaml");
        // the seed flow's two lookups, as conf/flows/data-actions.yaml has them, pointed at the stand-in
        Files.writeString(actions, """
                dataActions:
                  - name: crm.contactByPhone
                    preset: salesforce
                    lookup: phone
                    baseUrl: %1$s
                    apiVersion: "62.0"
                    timeoutMs: 1500
                    auth: { type: oauth2, tokenUrl: "%1$s/oauth2/token", clientId: %2$s, clientSecret: '%3$s', scope: crm.read }
                  - name: crm.contactByAccount
                    preset: salesforce
                    lookup: account
                    baseUrl: %1$s
                    apiVersion: "62.0"
                    timeoutMs: 1500
                    auth: { type: oauth2, tokenUrl: "%1$s/oauth2/token", clientId: %2$s, clientSecret: '%3$s', scope: crm.read }
                """.formatted(crm.base(), CrmStandIn.CLIENT_ID, CrmStandIn.CLIENT_SECRET));
        int carrierPort = Sipp.freeUdpPort();
        Path conf = dir.resolve("dialer.yaml");
        Files.writeString(conf, """
                sip:
                  port: 0
                  trunks:
                    - { name: carrier, host: 127.0.0.1, port: %d, maxChannels: 10, maxCallsPerSecond: 50, defaultRegion: US }
                flows:
                  recordingDir: %s
                  dataActions: %s
                """.formatted(carrierPort, dir.resolve("recordings"), actions));
        server = DialerServer.start(new ConfigLoader().load(conf, Map.of("DIALER_API_PORT", "0",
                "DIALER_DATA_DIR", dir.resolve("pg").toString())),
                Map.of("DIALER_ADMIN_CLIENT_ID", ADMIN_ID, "DIALER_ADMIN_CLIENT_SECRET", ADMIN_SECRET));
        base = "http://127.0.0.1:" + server.apiPort();
        admin = TestServers.token(base, ADMIN_ID, ADMIN_SECRET);
        database = Database.openForTool(server.config().database());

        carrierSip = SipServer.start(new SipConfig("127.0.0.1", carrierPort, 5061, List.of("udp"),
                List.of(new TrunkConfig("dialer", "trunk", "127.0.0.1", server.sipPort(), "udp", 10, 50, "US", 0, null,
                        "d", "", "", "", "+15550001111", true, "none", 0))), AgentDirectory.none(), "carrier.test");
        int rtp = 20000 + 2 * ThreadLocalRandom.current().nextInt(4000);
        carrierMedia = MediaServer.start(new MediaConfig("127.0.0.1", rtp, rtp + 2 * 20 - 1));
        carrier = new CallSessions(carrierSip, carrierMedia, Clock.systemUTC(), pool);
        carrier.route("*", c -> c.answer().thenRun(() -> c.play(Playable.Tone.single(OUTSIDE_HZ, Duration.ofSeconds(60)))));
    }

    /** A customer calls {@code did} from {@code from}, sends {@link #CUSTOMER_HZ} once answered and listens. */
    Ear call(String did, String from) {
        Ear ear = new Ear(1300, OUTSIDE_HZ);
        ear.session = carrier.originate(OriginateSpec.toNumber(did).withTrunkGroup("d").withFrom(from));
        ear.session.media().addTap(ear);
        ear.session.answered().thenRun(() -> ear.session.play(Playable.Tone.single(CUSTOMER_HZ, Duration.ofSeconds(90))));
        return ear;
    }

    // --- the HTTP API, as an administrator ---

    HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonObject ok(String method, String path, Object body) throws Exception {
        HttpResponse<String> r = send(method, path, admin, body == null ? null : body.toString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 299);
        return r.body().isEmpty() ? new JsonObject() : new JsonObject(r.body());
    }

    String create(String path, JsonObject body) throws Exception {
        return ok("POST", path, body).getString("id");
    }

    /** Creates and publishes a flow document; its id. */
    String publish(String document) throws Exception {
        String id = create("/api/v2/flows", new JsonObject().put("document", document));
        ok("POST", "/api/v2/flows/" + id + "/publish", null);
        return id;
    }

    /** A new DID routed to {@code flowId}, E.164. */
    String route(String flowId) throws Exception {
        String national = "555" + (1000000 + ThreadLocalRandom.current().nextInt(8999999));
        ok("PUT", "/api/v2/routing/dids/1" + national, new JsonObject().put("flowId", flowId));
        return "+1" + national;
    }

    /** An agent (user with SIP credentials and a desktop password) in {@code queueId} holding {@code skillIds}. */
    String agent(String name, String sipUser, String sipPassword, String deskPassword, String queueId,
                 List<String> skillIds) throws Exception {
        String id = create("/api/v2/users", new JsonObject().put("name", name).put("sipUser", sipUser)
                .put("sipPassword", sipPassword));
        ok("PUT", "/api/v2/users/" + id + "/desktoppassword", new JsonObject().put("password", deskPassword));
        ok("POST", "/api/v2/routing/queues/" + queueId + "/members", new JsonArray().add(new JsonObject().put("id", id)));
        for (String skill : skillIds) {
            ok("POST", "/api/v2/users/" + id + "/routingskills", new JsonObject().put("id", skill).put("proficiency", 4));
        }
        return id;
    }

    /**
     * Signs {@code sipUser} in on the agent desk in {@code browser} and makes it available.
     *
     * @return a wait of {@code patience} whose failure message says the page's message and status
     */
    WebDriverWait signIn(WebDriver browser, String sipUser, String deskPassword, String name, java.time.Duration patience) {
        var page = new WebDriverWait(browser, patience);
        page.withMessage(() -> "page message: '" + browser.findElement(By.id("message")).getText() + "', status "
                + browser.findElement(By.id("status")).getText());
        browser.get(base + "/agent/");
        browser.findElement(By.id("username")).sendKeys(sipUser);
        browser.findElement(By.id("password")).sendKeys(deskPassword);
        page.until(ExpectedConditions.elementToBeClickable(By.id("signin-button"))).click();
        page.until(ExpectedConditions.textToBe(By.id("who"), name));
        page.until(ExpectedConditions.elementToBeClickable(By.id("available"))).click();
        return page;
    }

    /** Whether the agent registrar holds a live contact of {@code sipUser} (the registrar stores it after its 200 OK). */
    boolean registered(String sipUser) {
        return new AgentRegistrations(database.dataSource()).loadUnexpired(java.time.Instant.now()).stream()
                .anyMatch(r -> r.user().equals(sipUser));
    }

    /** The flow executions of a call (GET /api/v2/flows/executions?callId=), oldest first. */
    List<JsonObject> executions(String callId) throws Exception {
        JsonArray all = ok("GET", "/api/v2/flows/executions?callId=" + java.net.URLEncoder.encode(callId,
                java.nio.charset.StandardCharsets.UTF_8), null).getJsonArray("entities");
        List<JsonObject> out = new ArrayList<>();
        all.forEach(e -> out.add((JsonObject) e));
        return out;
    }

    /** The call's interaction (GET /api/v2/interactions, then its detail with the flow trace), or null. */
    JsonObject interaction(String callId) throws Exception {
        for (Object o : ok("GET", "/api/v2/interactions?pageSize=100", null).getJsonArray("entities")) {
            JsonObject i = (JsonObject) o;
            if (callId.equals(i.getString("callId"))) {
                return ok("GET", "/api/v2/interactions/" + i.getString("id"), null);
            }
        }
        return null;
    }

    /** Waits up to 30 s, polling every 50 ms; the failure says {@code context}. */
    static void await(String what, BooleanSupplier condition, java.util.function.Supplier<String> context) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what + "\n" + context.get());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted: " + what);
            }
        }
    }

    /** {@link #await} for a condition that calls the API. */
    interface Check {
        boolean holds() throws Exception;
    }

    static void awaitApi(String what, Check check) {
        await(what, () -> {
            try {
                return check.holds();
            } catch (Exception e) {
                throw new IllegalStateException(what + ": " + e, e);
            }
        }, () -> "");
    }

    /**
     * What the customer hears, frame by frame (20 ms): loudness, and whether a hold-music note or a given tone
     * dominates it. Speech is loud and dominated by no single frequency.
     */
    static final class Ear implements FrameTap {
        /** RMS above which a frame is sound (TTS peaks in the thousands; silence decodes to ~0). */
        static final int LOUD = 300;
        private static final double[] HOLD_NOTES = {523.25, 659.25, 783.99};
        CallSession session;
        private final List<int[]> frames = new ArrayList<>();
        private final double[] listenFor;
        /** Everything heard, 8 kHz, up to a minute. */
        private final short[] recording = new short[8000 * 60];
        private int recorded;

        Ear(double... listenFor) {
            this.listenFor = listenFor;
        }

        /** Kinds of frame. */
        static final int QUIET = 0;
        static final int SPEECH = 1;
        static final int MUSIC = 2;
        static final int TONE = 3;

        @Override
        public void onFrame(short[] pcm, long index) {
            double sum = 0;
            for (short x : pcm) {
                sum += (double) x * x;
            }
            int rms = (int) Math.sqrt(sum / pcm.length);
            int kind = QUIET;
            int tone = -1;
            if (rms > LOUD) {
                kind = SPEECH;
                for (double hz : HOLD_NOTES) {
                    kind = Audio.toneShare(pcm, hz) > 0.7 ? MUSIC : kind;
                }
                for (int t = 0; t < listenFor.length; t++) {
                    if (Audio.toneShare(pcm, listenFor[t]) > 0.7) {
                        kind = TONE;
                        tone = t;
                    }
                }
            }
            synchronized (this) {
                frames.add(new int[] {kind, rms, tone});
                if (recorded + pcm.length <= recording.length) {
                    System.arraycopy(pcm, 0, recording, recorded, pcm.length);
                    recorded += pcm.length;
                }
            }
        }

        synchronized int count(int kind) {
            return (int) frames.stream().filter(f -> f[0] == kind).count();
        }

        /** Frames dominated by {@code hz}, one of the tones this ear listens for. */
        synchronized int heard(double hz) {
            int t = java.util.stream.IntStream.range(0, listenFor.length).filter(i -> listenFor[i] == hz).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("not listening for " + hz));
            return (int) frames.stream().filter(f -> f[2] == t).count();
        }

        synchronized short[] recording() {
            return java.util.Arrays.copyOf(recording, recorded);
        }

        /**
         * Frames from the first speech frame to the last speech frame before anything else loud (hold music, the
         * agent; a run of 5 tonal frames, since a vowel may look like a note for a frame or two): the length of what
         * the flow said first.
         */
        synchronized int firstSpeechSpan() {
            int first = -1;
            int last = -1;
            int tonal = 0;
            for (int i = 0; i < frames.size() && tonal < 5; i++) {
                int kind = frames.get(i)[0];
                tonal = kind == MUSIC || kind == TONE ? tonal + 1 : 0;
                if (kind == SPEECH) {
                    first = first < 0 ? i : first;
                    last = i;
                }
            }
            return first < 0 ? 0 : last - first + 1;
        }

        synchronized String summary() {
            return "speech " + count(SPEECH) + ", music " + count(MUSIC) + ", tone " + count(TONE) + ", quiet "
                    + count(QUIET) + " frames";
        }
    }

    @Override
    public void close() {
        carrierSip.close();
        carrierMedia.close();
        pool.shutdownNow();
        database.close();
        server.close();
        crm.close();
    }
}
