package org.opendialer.sip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real baresip phone (Debian package baresip-core) with a throw-away config directory: SIP and RTP on 127.0.0.1
 * only, DNS pointed at 127.0.0.1 (so no query can leave the machine), no sound card (the {@code aubridge} virtual
 * device stands in for microphone and speaker), G.711 only, and one account that registers with digest auth and
 * answers every call by itself ({@code answermode=auto}). {@link Options} change the answer mode, send a sine
 * instead of the looped-back audio ({@code ausine}) and dump what the phone hears to WAV files ({@code sndfile}).
 */
public final class Baresip implements AutoCloseable {

    /**
     * @param autoAnswer  answermode=auto, else manual (the phone rings until the call is cancelled)
     * @param sineHz      0: the microphone is aubridge's loop; else {@code ausine} sends this frequency
     * @param dumpDir     null: nothing dumped; else sndfile writes the decoded (heard) and encoded audio there
     */
    public record Options(boolean autoAnswer, int sineHz, Path dumpDir) {
        public static final Options DEFAULT = new Options(true, 0, null);
    }

    /** baresip quits on its own after this long, should the test die without closing it. */
    private static final int LIFETIME_SECONDS = 120;

    private final Process process;
    private final Path dir;
    public final int port;
    /** UDP port of baresip's console module, where {@link #command} sends keys and long commands. */
    private final int consolePort;

    private Baresip(Process process, Path dir, int port, int consolePort) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        this.consolePort = consolePort;
    }

    /** Starts a phone registering {@code user} with {@code password} at our registrar on 127.0.0.1:{@code port}. */
    public static Baresip register(String user, String password, int registrarPort) {
        return register(user, password, registrarPort, Options.DEFAULT);
    }

    /** {@link #register(String, String, int)} with {@code options}. */
    public static Baresip register(String user, String password, int registrarPort, Options options) {
        return TestPorts.onFreePorts("baresip " + user, () -> register(user, password, registrarPort, options,
                TestPorts.freeUdpPort(), TestPorts.freeUdpPort()));
    }

    /** One start on ports chosen free just before; {@link TestPorts.PortTaken} when one was taken meanwhile. */
    private static Baresip register(String user, String password, int registrarPort, Options options, int port,
                                    int consolePort) throws TestPorts.PortTaken {
        try {
            Path dir = Files.createTempDirectory("baresip-");
            Files.writeString(dir.resolve("config"), String.join("\n",
                    "poll_method\t\tepoll",
                    "sip_listen\t\t127.0.0.1:" + port,
                    "net_interface\t\t127.0.0.1",
                    "dns_server\t\t127.0.0.1:53",
                    "audio_player\t\taubridge,nil",
                    "audio_source\t\t" + (options.sineHz() > 0 ? "ausine," + options.sineHz() : "aubridge,nil"),
                    "audio_alert\t\taubridge,nil",
                    "rtp_ports\t\t30000-30999",
                    "module_path\t\t/usr/lib/baresip/modules",
                    "module\t\t\tg711.so",
                    "module\t\t\taubridge.so",
                    options.sineHz() > 0 ? "module\t\t\tausine.so\nausrc_srate\t\t48000\nausrc_channels\t\t2" : "", // ausine: 48 kHz stereo only
                    options.dumpDir() != null ? "module\t\t\tsndfile.so\nsnd_path\t\t" + options.dumpDir() : "",
                    "module_app\t\taccount.so",
                    "module_app\t\tmenu.so",
                    "module\t\t\tcons.so",
                    "cons_listen\t\t127.0.0.1:" + consolePort,
                    ""));
            Files.writeString(dir.resolve("accounts"), "<sip:" + user + "@127.0.0.1:" + registrarPort
                    + ";transport=udp>;auth_pass=" + password + ";answermode=" + (options.autoAnswer() ? "auto" : "manual") + ";regint=600;audio_codecs=PCMU\n");
            Files.writeString(dir.resolve("contacts"), "");
            List<String> cmd = List.of("baresip", "-4", "-f", dir.toString(), "-t",
                    Integer.toString(LIFETIME_SECONDS));
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("baresip.log").toFile()).start();
            try { // the phone counts once it holds both ports: one taken meanwhile makes it exit (status 98)
                TestPorts.awaitBoundBy(p, "127.0.0.1", port);
                TestPorts.awaitBoundBy(p, "127.0.0.1", consolePort);
            } catch (TestPorts.PortTaken | IOException e) {
                p.destroyForcibly();
                throw e;
            }
            return new Baresip(p, dir, port, consolePort);
        } catch (IOException e) {
            throw new UncheckedIOException("baresip (apt install baresip-core) could not start: " + e.getMessage(), e);
        }
    }

    /** Types a menu command into the phone, e.g. {@code /transfer sip:1002@dialer.test} (its transfer key). */
    public void command(String line) throws IOException {
        byte[] b = (line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            s.send(new java.net.DatagramPacket(b, b.length, java.net.InetAddress.getLoopbackAddress(), consolePort));
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** baresip's console output, for assertion messages. */
    public String log() {
        try {
            return Files.readString(dir.resolve("baresip.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: baresip unregisters and exits
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
