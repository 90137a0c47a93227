package org.opendialer.api.calls;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A SIPp UAS playing the carrier, from a scenario under {@code src/test/resources/sipp} with {@code [name]}
 * placeholders filled in (audio file paths), and a tcpdump capture of its SIP and of the RTP both ways.
 */
final class Carrier implements AutoCloseable {

    final int sipPort;
    final int mediaPort;
    private final Process sipp;
    private final Process capture;
    private final Path dir;

    private Carrier(int sipPort, int mediaPort, Process sipp, Process capture, Path dir) {
        this.sipPort = sipPort;
        this.mediaPort = mediaPort;
        this.sipp = sipp;
        this.capture = capture;
        this.dir = dir;
    }

    static Carrier start(String scenario, int sipPort, int calls, Map<String, String> fill) throws Exception {
        Path dir = Files.createTempDirectory("carrier-");
        String xml;
        try (InputStream in = Carrier.class.getResourceAsStream("/sipp/" + scenario)) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (Map.Entry<String, String> f : fill.entrySet()) {
            xml = xml.replace("[" + f.getKey() + "]", f.getValue());
        }
        Path file = dir.resolve(scenario);
        Files.writeString(file, xml);
        int mediaPort = freeMediaPorts();
        Process capture = new ProcessBuilder("tcpdump", "-i", "lo", "-n", "-U", "-w", dir.resolve("rtp.pcap").toString(),
                "udp and (port " + mediaPort + " or port " + sipPort + ")").redirectErrorStream(true).redirectOutput(dir.resolve("tcpdump.log").toFile())
                .start();
        awaitText(dir.resolve("tcpdump.log"), "listening on", capture);
        List<String> cmd = new ArrayList<>(List.of("sipp", "-sf", file.toString(), "-i", "127.0.0.1", "-p",
                Integer.toString(sipPort), "-m", Integer.toString(calls), "-mi", "127.0.0.1", "-mp",
                Integer.toString(mediaPort), "-nostdin", "-timeout", "120s", "-trace_err", "-error_file",
                dir.resolve("errors.log").toString(), "-trace_msg", "-message_file", dir.resolve("messages.log").toString()));
        Process sipp = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("sipp.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && sipp.isAlive() && !udpBound(sipPort)) {
            Thread.sleep(20);
        }
        return new Carrier(sipPort, mediaPort, sipp, capture, dir);
    }

    /** Waits for SIPp to finish its calls; 0 when every call followed the scenario. */
    int await(long seconds) throws InterruptedException {
        if (!sipp.waitFor(seconds, TimeUnit.SECONDS)) {
            sipp.destroyForcibly();
            return -1;
        }
        return sipp.exitValue();
    }

    /** Stops the capture and reads what we sent to the carrier's media port. */
    RtpCapture.Summary received() throws Exception {
        stopCapture();
        return RtpCapture.read(dir.resolve("rtp.pcap"), mediaPort);
    }

    /** Stops the capture and reads each call as the carrier saw it (its 200 OK, the RTP both ways). */
    List<RtpCapture.FarEndCall> farEnd() throws Exception {
        stopCapture();
        return RtpCapture.calls(dir.resolve("rtp.pcap"), sipPort, mediaPort);
    }

    private void stopCapture() throws InterruptedException {
        Thread.sleep(300); // the last packets of a prompt still in flight
        capture.destroy();
        capture.waitFor(5, TimeUnit.SECONDS);
    }

    /** The distinct Call-IDs of the INVITEs the carrier received for {@code number} (retransmissions count once). */
    Set<String> invitesTo(String number) throws IOException {
        Path m = dir.resolve("messages.log");
        return Files.exists(m) ? SipTrace.invitesTo(Files.readString(m), number) : Set.of();
    }

    String errors() throws IOException {
        Path e = dir.resolve("errors.log");
        return Files.exists(e) ? Files.readString(e) : "(no SIPp errors)";
    }

    @Override
    public void close() {
        sipp.destroyForcibly();
        capture.destroyForcibly();
    }

    static int freePort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Whether 127.0.0.1:port is bound, from /proc/net/udp (binding it to find out could steal it from SIPp). */
    static boolean udpBound(int port) throws IOException {
        String local = String.format("0100007F:%04X", port);
        try (var lines = Files.lines(Path.of("/proc/net/udp"))) {
            return lines.anyMatch(l -> l.trim().split("\\s+").length > 1 && l.trim().split("\\s+")[1].equals(local));
        }
    }

    /** SIPp binds its audio port and the next three (RTCP, video, video RTCP): find four free in a row. */
    static synchronized int freeMediaPorts() {
        for (int i = 0; i < 200; i++) {
            int p = 50_000 + 4 * java.util.concurrent.ThreadLocalRandom.current().nextInt(2_400);
            if (isFree(p) && isFree(p + 1) && isFree(p + 2) && isFree(p + 3)) {
                return p;
            }
        }
        throw new IllegalStateException("no four free UDP ports in a row for SIPp's media");
    }

    private static boolean isFree(int port) {
        try (DatagramSocket s = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void awaitText(Path log, String text, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("tcpdump failed: " + Files.readString(log));
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("tcpdump did not start");
    }
}
