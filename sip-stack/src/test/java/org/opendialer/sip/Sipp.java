package org.opendialer.sip;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
        return start(scenario, "127.0.0.1", calls, null, extra);
    }

    /**
     * SIPp as UAS with {@code [name]} placeholders of the scenario filled in first, e.g. the path of a WAV file for
     * {@code rtp_stream} (SIPp reads such files when it loads the scenario, before its keyword substitution).
     */
    public static Sipp uas(String scenario, int calls, java.util.Map<String, String> fill, String... extra) {
        return start(scenario, fill, "127.0.0.1", calls, null, true, 60, extra);
    }

    /**
     * SIPp as UAS for thousands of calls: no message trace (it would write every message to disk and slow SIPp
     * down) and a global timeout of {@code timeoutSeconds} instead of 60 s.
     */
    public static Sipp loadUas(String scenario, int calls, int timeoutSeconds) {
        return start(scenario, java.util.Map.of(), "127.0.0.1", calls, null, false, timeoutSeconds,
                "-buff_size", Integer.toString(4 << 20)); // SIPp's 64 KiB socket buffers drop bursts
    }

    /** SIPp as UAC sending {@code calls} calls to {@code target} (host:port). */
    public static Sipp uac(String scenario, int calls, String target, String... extra) {
        return start(scenario, "127.0.0.1", calls, target, extra);
    }

    /** SIPp as UAC from another loopback address (Linux routes all of 127/8 to lo): a source we do not know. */
    public static Sipp uacFrom(String localIp, String scenario, int calls, String target, String... extra) {
        return start(scenario, localIp, calls, target, extra);
    }

    private static Sipp start(String scenario, String localIp, int calls, String target, String... extra) {
        return start(scenario, java.util.Map.of(), localIp, calls, target, true, 60, extra);
    }

    /** On ports chosen free just before: retried on new ones when another process took one first. */
    private static Sipp start(String scenario, java.util.Map<String, String> fill, String localIp, int calls,
                              String target, boolean traceMessages, int timeoutSeconds, String... extra) {
        return TestPorts.onFreePorts("sipp " + scenario, () -> start(scenario, fill, localIp, TestPorts.freeUdpPort(),
                calls, target, traceMessages, timeoutSeconds, extra));
    }

    private static Sipp start(String scenario, java.util.Map<String, String> fill, String localIp, int port,
                              int calls, String target, boolean traceMessages, int timeoutSeconds, String... extra)
            throws TestPorts.PortTaken {
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
                    "-mp", Integer.toString(TestPorts.freeMediaPorts()), "-nostdin", "-timeout", timeoutSeconds + "s",
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
            try {
                TestPorts.awaitBoundBy(p, localIp, port);
            } catch (TestPorts.PortTaken | IOException e) {
                p.destroyForcibly();
                throw e;
            }
            return new Sipp(p, dir, port);
        } catch (IOException e) {
            throw new UncheckedIOException("sipp (apt install sip-tester) could not start", e);
        }
    }

    /** Whether a UDP socket is bound to ip:port ({@link TestPorts#udpBound}). */
    public static boolean udpBound(String ip, int port) throws IOException {
        return TestPorts.udpBound(ip, port);
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

    /**
     * A UDP port free at this moment, for a socket that binds it later: it may be taken in between, so a peer
     * process started on it should be checked ({@link TestPorts#awaitBoundBy}); our own servers bind port 0.
     */
    public static int freeUdpPort() {
        return TestPorts.freeUdpPort();
    }
}
