package org.opendialer.sip.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opendialer.sip.AgentDirectory;
import org.opendialer.sip.SipConfig;
import org.opendialer.sip.SipServer;
import org.opendialer.sip.TrunkConfig;

/**
 * RFC 4475 torture messages, each sent as one datagram to the running stack, answer checked against INDEX.csv.
 * Tagged {@code netns}: {@code ./dialer test} runs it inside a private network namespace (unshare -n) because the
 * messages name foreign hosts (192.0.2.x, example.com) that a stack may answer or call back.
 */
@Tag("netns")
class Rfc4475Test {

    static final Path DIR = Path.of(System.getProperty("rfc4475.dir", "../../shared/conformance/rfc4475"));
    /** Statuses per file where INDEX.csv names one; 0 = must be silently discarded; -1 = processed (not 400). */
    static final Map<String, List<Integer>> EXPECTED = Map.ofEntries(
            Map.entry("intmeth.dat", List.of(501, 405)), Map.entry("badvers.dat", List.of(505)),
            Map.entry("unkscm.dat", List.of(416)), Map.entry("novelsc.dat", List.of(416)),
            Map.entry("bext01.dat", List.of(420)), Map.entry("invut.dat", List.of(415)),
            Map.entry("regaut01.dat", List.of(401)), Map.entry("sdp01.dat", List.of(406)),
            Map.entry("zeromf.dat", List.of(200)), Map.entry("scalarlg.dat", List.of(0)),
            Map.entry("bigcode.dat", List.of(0)), Map.entry("bcast.dat", List.of(0)),
            Map.entry("unreason.dat", List.of(0)), Map.entry("noreason.dat", List.of(0)),
            Map.entry("baddate.dat", List.of(-1, 400)));
    static final Pattern TOP_VIA = Pattern.compile(
            "(?im)^(?:via|v)[ \\t]*:[ \\t\\r\\n]*SIP[ \\t\\r\\n]*/[ \\t\\r\\n]*[0-9.]+[ \\t\\r\\n]*/[ \\t\\r\\n]*"
                    + "([A-Za-z]+)[ \\t\\r\\n]+([^;,\\s]+)");

    static final Pattern BRANCH = Pattern.compile("(?i)branch[ \\t]*=[ \\t]*([^;,\\s]+)");

    static SipServer server;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        assertThat(onlyLoopback()).as("run inside a private network namespace (./dialer test does: unshare -n)")
                .isTrue();
        port = freePort();
        TrunkConfig local = new TrunkConfig("local", "trunk", "127.0.0.1", 5060, "udp", 100, 100, "US", 0, null,
                null, null, null, null, null, false, null, 0);
        server = SipServer.start(new SipConfig("127.0.0.1", port, 5061, List.of("udp"), List.of(local)),
                AgentDirectory.none(), "dialer.test");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static Stream<Arguments> messages() throws IOException {
        try (Reader in = Files.newBufferedReader(DIR.resolve("INDEX.csv"))) {
            List<Arguments> all = new ArrayList<>();
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                all.add(Arguments.of(r.get("file"), r.get("kind"), r.get("expected")));
            }
            assertThat(all).hasSize(49);
            return all.stream();
        }
    }

    @ParameterizedTest(name = "{0} ({1}): {2}")
    @MethodSource("messages")
    void answersAsTheIndexSays(String file, String kind, String expected) throws Exception {
        try (DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            peer.setSoTimeout(1500);
            byte[] message = pointViaAt(Files.readAllBytes(DIR.resolve(file)), peer.getLocalPort(),
                    file.replace(".dat", ""));
            peer.send(new DatagramPacket(message, message.length, InetAddress.getLoopbackAddress(), port));
            int status = finalStatus(peer);
            List<Integer> want = EXPECTED.getOrDefault(file, kind.equals("invalid") || kind.equals("semantic")
                    && expected.contains("400") ? List.of(400) : List.of(-1));
            if (want.contains(-1) && status > 0 && status != 400) {
                return; // processed normally: any real answer but a parse failure
            }
            assertThat(want).as(file + " answered " + (status == 0 ? "nothing" : status) + "; expected " + expected)
                    .contains(status);
        }
        assertAlive();
    }

    @Test
    void stackStillAnswersOptionsAfterwards() throws Exception {
        assertAlive();
    }

    private static void assertAlive() throws Exception {
        try (DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            peer.setSoTimeout(2000);
            String options = "OPTIONS sip:127.0.0.1:" + port + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + peer.getLocalPort() + ";branch=z9hG4bK" + System.nanoTime()
                    + "\r\nFrom: <sip:probe@127.0.0.1>;tag=1\r\nTo: <sip:127.0.0.1>\r\nCall-ID: alive"
                    + System.nanoTime() + "\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
            byte[] b = options.getBytes(StandardCharsets.US_ASCII);
            peer.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), port));
            assertThat(finalStatus(peer)).as("OPTIONS after torture").isEqualTo(200);
        }
    }

    /** First final (>= 200) status received, 0 when nothing final arrives in time. */
    static int finalStatus(DatagramSocket peer) throws IOException {
        byte[] buf = new byte[65536];
        while (true) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                peer.receive(p);
            } catch (SocketTimeoutException e) {
                return 0;
            }
            String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1);
            if (text.startsWith("SIP/2.0 ")) {
                int status = Integer.parseInt(text.substring(8, 11));
                if (status >= 200) {
                    return status;
                }
            }
        }
    }

    /** Rewrites the top Via's transport and sent-by to our socket so answers come back here (and nowhere else). */
    static byte[] pointViaAt(byte[] message, int localPort, String branchSuffix) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        Matcher m = TOP_VIA.matcher(text);
        if (!m.find()) {
            return message;
        }
        // Also the transport: the datagram arrives over UDP, and the answer must come back the same way.
        String rewritten = text.substring(0, m.start(1)) + "UDP" + text.substring(m.end(1), m.start(2))
                + "127.0.0.1:" + localPort + text.substring(m.end(2));
        // Nearly all 49 messages share branch z9hG4bKkdjuw, and JAIN-SIP keys server transactions by branch alone:
        // without a distinct branch each would be taken for a retransmission of the previous one.
        Matcher branch = BRANCH.matcher(rewritten);
        if (branch.find(m.start(1))) {
            rewritten = rewritten.substring(0, branch.end(1)) + "." + branchSuffix + rewritten.substring(branch.end(1));
        }
        return rewritten.getBytes(StandardCharsets.ISO_8859_1);
    }

    static boolean onlyLoopback() throws IOException {
        return NetworkInterface.networkInterfaces().allMatch(i -> {
            try {
                return i.isLoopback() || !i.isUp();
            } catch (IOException e) {
                return false;
            }
        });
    }

    static int freePort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
