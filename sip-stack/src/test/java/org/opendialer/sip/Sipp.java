package org.opendialer.sip;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real SIPp peer (Debian package sip-tester) running one of the scenarios under {@code src/test/resources/sipp}
 * on 127.0.0.1. Its exit status says whether every call followed the scenario (0) or not. Public for the call
 * module's tests, which take it from this module's test-jar with their own scenarios on the class path.
 */
public final class Sipp implements AutoCloseable {

    private final Process process;
    private final Path log;
    public final int port;

    private Sipp(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** SIPp as UAS (server) on a free port, handling {@code calls} calls then exiting. */
    public static Sipp uas(String scenario, int calls, String... extra) {
        return start(scenario, "127.0.0.1", freeUdpPort(), calls, null, extra);
    }

    /**
     * SIPp as UAS with {@code [name]} placeholders of the scenario filled in first, e.g. the path of a WAV file for
     * {@code rtp_stream} (SIPp reads such files when it loads the scenario, before its keyword substitution).
     */
    public static Sipp uas(String scenario, int calls, java.util.Map<String, String> fill, String... extra) {
        return start(scenario, fill, "127.0.0.1", freeUdpPort(), calls, null, true, 60, extra);
    }

    /**
     * SIPp as UAS for thousands of calls: no message trace (it would write every message to disk and slow SIPp
     * down) and a global timeout of {@code timeoutSeconds} instead of 60 s.
     */
    public static Sipp loadUas(String scenario, int calls, int timeoutSeconds) {
        return start(scenario, java.util.Map.of(), "127.0.0.1", freeUdpPort(), calls, null, false, timeoutSeconds,
                "-buff_size", Integer.toString(4 << 20)); // SIPp's 64 KiB socket buffers drop bursts
    }

    /** SIPp as UAC sending {@code calls} calls to {@code target} (host:port). */
    public static Sipp uac(String scenario, int calls, String target, String... extra) {
        return start(scenario, "127.0.0.1", freeUdpPort(), calls, target, extra);
    }

    /** SIPp as UAC from another loopback address (Linux routes all of 127/8 to lo): a source we do not know. */
    public static Sipp uacFrom(String localIp, String scenario, int calls, String target, String... extra) {
        return start(scenario, localIp, freeUdpPort(), calls, target, extra);
    }

    private static Sipp start(String scenario, String localIp, int port, int calls, String target,
                              String... extra) {
        return start(scenario, java.util.Map.of(), localIp, port, calls, target, true, 60, extra);
    }

    private static Sipp start(String scenario, java.util.Map<String, String> fill, String localIp, int port,
                              int calls, String target, boolean traceMessages, int timeoutSeconds, String... extra) {
        try {
            Path dir = Files.createTempDirectory("sipp-");
            Path file = dir.resolve(scenario);
            try (InputStream in = Sipp.class.getResourceAsStream("/sipp/" + scenario)) {
                if (in == null) {
                    throw new IllegalArgumentException("no scenario " + scenario);
                }
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            if (!fill.isEmpty()) {
                String xml = Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1);
                for (var f : fill.entrySet()) {
                    xml = xml.replace("[" + f.getKey() + "]", f.getValue());
                }
                Files.writeString(file, xml, java.nio.charset.StandardCharsets.ISO_8859_1);
            }
            List<String> cmd = new ArrayList<>(List.of("sipp", "-sf", file.toString(), "-i", localIp,
                    "-p", Integer.toString(port), "-m", Integer.toString(calls), "-mi", localIp,
                    "-mp", Integer.toString(freeMediaPorts()), "-nostdin", "-timeout", timeoutSeconds + "s",
                    "-timeout_error", "-trace_err", "-error_file", dir.resolve("errors.log").toString()));
            if (traceMessages) {
                cmd.addAll(List.of("-trace_msg", "-message_file", dir.resolve("messages.log").toString()));
            }
            cmd.addAll(List.of(extra));
            if (target != null) {
                cmd.add(target);
            }
            Path log = dir.resolve("sipp.out");
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            awaitBound(localIp, port, p);
            return new Sipp(p, dir, port);
        } catch (IOException e) {
            throw new UncheckedIOException("sipp (apt install sip-tester) could not start", e);
        }
    }

    /** Returns once SIPp holds its UDP port, so no other socket of the test can take it meanwhile. */
    private static void awaitBound(String ip, int port, Process p) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (udpBound(ip, port)) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IOException("sipp did not bind " + ip + ":" + port);
    }

    /**
     * Whether a UDP socket is bound to ip:port, read from /proc/net/udp: probing by binding the port ourselves could
     * take it from SIPp in the very moment it binds.
     */
    public static boolean udpBound(String ip, int port) throws IOException {
        byte[] a = java.net.InetAddress.getByName(ip).getAddress();
        String local = String.format("%02X%02X%02X%02X:%04X", a[3], a[2], a[1], a[0], port);
        try (var lines = java.nio.file.Files.lines(java.nio.file.Path.of("/proc/net/udp"))) {
            return lines.anyMatch(l -> l.trim().split("\\s+").length > 1 && l.trim().split("\\s+")[1].equals(local));
        }
    }

    /** Waits for SIPp to finish; returns its exit status (0 = all calls as scripted). */
    public int await(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    /** Every message SIPp sent and received so far (its {@code -trace_msg} file), as UTF-8; empty without a trace. */
    public String messages() {
        try {
            Path messages = log.resolve("messages.log");
            return Files.exists(messages) ? Files.readString(messages, java.nio.charset.StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIPp's error log, for assertion messages. */
    public String errors() {
        try {
            Path errors = log.resolve("errors.log");
            return Files.exists(errors) ? Files.readString(errors) : "(no SIPp errors logged)";
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    /** SIPp binds its audio port and the next three (RTCP, video, video RTCP): four free ports in a row. */
    public static synchronized int freeMediaPorts() {
        for (int i = 0; i < 200; i++) {
            int p = 50_000 + 4 * java.util.concurrent.ThreadLocalRandom.current().nextInt(2_400);
            if (isFree(p) && isFree(p + 1) && isFree(p + 2) && isFree(p + 3)) {
                return p;
            }
        }
        throw new IllegalStateException("no four free UDP ports in a row for SIPp's media");
    }

    private static boolean isFree(int port) {
        try (DatagramSocket s = new DatagramSocket(port, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static int freeUdpPort() {
        try (DatagramSocket s = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
