package org.opendialer.api.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.opendialer.api.config.ConfigException;
import org.opendialer.api.config.DialerConfig;
import org.opendialer.api.server.DialerServer;
import org.opendialer.demo.DemoCarrier;
import org.opendialer.demo.PatternTable;
import org.opendialer.media.MediaConfig;
import org.opendialer.sip.SipConfig;
import org.opendialer.sip.TrunkConfig;

/**
 * {@code ./dialer up --demo}: the demo carrier on loopback, the node with a trunk {@code demo} to it, the demo data
 * ({@link DemoData}), and a script of ready-made API calls in {@code data/demo/calls.sh}.
 */
public final class DemoNode implements AutoCloseable {

    /** Trunk and trunk group the demo's calls use. */
    public static final String TRUNK = "demo";
    /** Closing the carrier runs beside the node's own bounded stop; this is how long we wait for it after that. */
    private static final Duration CARRIER_STOP_WAIT = Duration.ofMillis(500);

    private final DemoCarrier carrier;
    private final DialerServer server;
    private final DemoData data;
    private final Path script;
    private final Path campaignScript;

    private DemoNode(DemoCarrier carrier, DialerServer server, DemoData data, Path script, Path campaignScript) {
        this.carrier = carrier;
        this.server = server;
        this.data = data;
        this.script = script;
        this.campaignScript = campaignScript;
    }

    /**
     * @param patterns the carrier's pattern table in its text form, or null for the default table
     * @throws ConfigException when the configuration already has a trunk named {@value #TRUNK} or the table is bad
     */
    public static DemoNode start(DialerConfig config, Map<String, String> env, String patterns) {
        PatternTable table;
        try {
            table = patterns == null ? PatternTable.defaults() : PatternTable.parse(patterns);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        if (config.sip().trunks().stream().anyMatch(t -> t.name().equals(TRUNK))) {
            throw new ConfigException("sip.trunks: --demo adds a trunk named '" + TRUNK + "'; rename yours");
        }
        Path dir = config.database().embedded().dataDir().toAbsolutePath().getParent().resolve("demo");
        int[] rtp = carrierRtpRange(config.media());
        DemoCarrier carrier = DemoCarrier.start(DemoCarrier.Options.defaults(dir.resolve("audio"))
                .withRtpPorts(rtp[0], rtp[1]).withTable(table).withCorpus(Path.of("..", "shared", "corpus")));
        DialerServer server = null;
        try {
            server = DialerServer.start(withTrunk(config, carrier.trunk(TRUNK, TRUNK)), env);
            DemoData data = DemoData.seed(server.dataSource(), table, Clock.systemUTC());
            return new DemoNode(carrier, server, data, writeScript(dir, "calls.sh", server, data),
                    writeScript(dir, "campaign.sh", server, data));
        } catch (RuntimeException e) {
            if (server != null) {
                server.stop();
            }
            carrier.close();
            throw e;
        }
    }

    /**
     * A range for the carrier's RTP apart from the node's: 10 000 ports (5000 calls), as many as the node's default
     * range, so a campaign's concurrent calls find a port pair on both ends.
     */
    static int[] carrierRtpRange(MediaConfig media) {
        for (int base : new int[] {40000, 50000, 30000, 10000}) {
            if (base + 9999 < media.rtpPortMin() || base > media.rtpPortMax()) {
                return new int[] {base, base + 9999};
            }
        }
        throw new ConfigException("media: the RTP range leaves no 10000 ports free for the demo carrier");
    }

    static DialerConfig withTrunk(DialerConfig c, TrunkConfig trunk) {
        List<TrunkConfig> trunks = new ArrayList<>(c.sip().trunks());
        trunks.add(trunk);
        SipConfig s = c.sip();
        return new DialerConfig(c.api(), c.database(), new SipConfig(s.bindAddress(), s.port(), s.tlsPort(),
                s.transports(), trunks, s.tls(), s.admission()), c.media(), c.logging(), c.messaging(), c.calls(), c.webhooks(), c.flows(),
                c.secrets(), c.externalDnc());
    }

    private static Path writeScript(Path dir, String name, DialerServer server, DemoData data) {
        String text = DemoData.resource("/demo/" + name)
                .replace("@CAMPAIGN_ID@", data.campaign().id().toString())
                .replace("@API@", server.apiBaseUrl())
                .replace("@CLIENT_ID@", data.client().client().clientId())
                .replace("@CLIENT_SECRET@", data.client().secret())
                .replace("@NUMBERS@", String.join(" ", PatternTable.demoNumbers()));
        try {
            Files.createDirectories(dir);
            Path p = dir.resolve(name);
            Files.writeString(p, text);
            p.toFile().setExecutable(true, true);
            p.toFile().setReadable(false, false); // it holds a secret: the owner's only
            p.toFile().setReadable(true, true);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo script: " + e.getMessage(), e);
        }
    }

    public DialerServer server() {
        return server;
    }

    public DemoCarrier carrier() {
        return carrier;
    }

    DemoData data() {
        return data;
    }

    /** The script that places the demo calls ({@code sh <it>}, optionally with numbers). */
    public Path script() {
        return script;
    }

    /** The script that starts the demo campaign and follows it to the end ({@code sh <it>}, or {@code sh <it> dryrun}). */
    public Path campaignScript() {
        return campaignScript;
    }

    /** What a newcomer does next, after the usual banner. */
    public void printNextSteps(PrintStream out) {
        String base = server.apiBaseUrl();
        String rows = carrier.table().rules().stream().map(r -> "      " + r.regex() + "  " + r.behaviour().description()
                + (r.key() != 0 ? "; presses " + r.key() + " after hearing a prompt" : "")).collect(Collectors.joining("\n"));
        out.println("  Demo carrier (a simulated PSTN on loopback) on udp " + carrier.port() + ", trunk '" + TRUNK
                + "'; voices: " + carrier.audio().source());
        out.println("    numbers by pattern (docs/DEMO.md):");
        out.println(rows);
        out.println("    contact list '" + data.list().name() + "' (" + PatternTable.demoNumbers().size()
                + " numbers), flow '" + data.flow().name() + "' on DID " + data.did());
        out.println();
        out.println("  Next, in another terminal: place one call per pattern and see how each ended:");
        out.println("    sh " + relative(script));
        out.println("  or one call by hand (API client '" + data.client().client().clientId() + "', secret renewed at"
                + " each --demo start):");
        out.println("    TOKEN=$(curl -s -u " + data.client().client().clientId() + ":" + data.client().secret()
                + " -d grant_type=client_credentials " + base + "/oauth/token | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')");
        out.println("    curl -s -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' -d '{\"to\":\"+12015550102\","
                + "\"trunkGroup\":\"" + TRUNK + "\",\"human\":{\"text\":\"Hello, press 1 to confirm.\"}}' " + base + "/api/v2/calls");
        out.println("    curl -s -H \"Authorization: Bearer $TOKEN\" " + base + "/api/v2/calls?pageSize=10");
        out.println();
        out.println("  Then run the demo campaign (agentless over list '" + data.list().name() + "': a person hears a message,"
                + " a voicemail gets it after the beep; AMD on, ring " + DemoData.RING_SECONDS + " s, one attempt a number)"
                + " and watch its progress and each attempt's result:");
        out.println("    sh " + relative(campaignScript) + "          (or: sh " + relative(campaignScript)
                + " dryrun  — who is callable now, and why not the others)");
        out.println("    campaign " + base + "/api/v2/outbound/campaigns/" + data.campaign().id()
                + "  (POST .../start, GET .../attempts, GET .../dryrun)");
        out.println("  DEMO SETTING: the demo campaign's callable time set '" + DemoData.ANY_HOUR + "' allows every hour of"
                + " every day, so the demo runs whenever you try it; the hours check still runs, and the numbers are"
                + " fictional and reach only this carrier. A real campaign needs real callable hours.");
        out.println();
    }

    private static String relative(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        return p.startsWith(cwd) ? cwd.relativize(p).toString() : p.toString();
    }

    /**
     * Stops the node (bounded, see {@link DialerServer#stop()}) and the carrier side by side: the carrier's stop
     * (its SIP stack takes up to a second) overlaps the node's, so the whole stays within the node's budget.
     *
     * @return the parts that did not stop in time
     */
    public List<String> stop() {
        CompletableFuture<Void> carrierStop = CompletableFuture.runAsync(carrier::close,
                r -> Thread.ofPlatform().daemon().name("stop-demo-carrier").start(r));
        List<String> late = new ArrayList<>(server.stop());
        try {
            carrierStop.get(CARRIER_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            late.add("demo carrier");
        }
        return late;
    }

    @Override
    public void close() {
        stop();
    }
}
