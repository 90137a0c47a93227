package org.opendialer.sip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Ports for test peers that are separate processes (SIPp, baresip), which cannot be handed a bound socket: a port
 * probed free is only free at that moment, and another test (in this JVM, or another worktree's on the same host)
 * may bind it before the peer does. So a peer's start is checked: it counts only once the peer's own process holds
 * the port (its socket inodes against {@code /proc/net/udp}), and a start that lost its port is retried on new
 * ones ({@link #onFreePorts}). A socket of ours can bind port 0 and report it instead; it needs none of this.
 */
public final class TestPorts {

    /** Starts tried before giving up: each lost race costs one. */
    public static final int ATTEMPTS = 5;

    private TestPorts() {
    }

    /** The peer lost a port it was given (it exited, or another process holds the port). */
    public static final class PortTaken extends Exception {
        public PortTaken(String message) {
            super(message);
        }
    }

    /** One start of a peer on freshly chosen ports. */
    @FunctionalInterface
    public interface Attempt<T> {
        T start() throws PortTaken, IOException;
    }

    /** Runs {@code attempt} until a start keeps its ports, at most {@value #ATTEMPTS} times. */
    public static <T> T onFreePorts(String what, Attempt<T> attempt) {
        PortTaken last = null;
        for (int i = 0; i < ATTEMPTS; i++) {
            try {
                return attempt.start();
            } catch (PortTaken e) {
                last = e;
            } catch (IOException e) {
                throw new UncheckedIOException(what + " could not start: " + e.getMessage(), e);
            }
        }
        throw new IllegalStateException(what + ": lost its ports " + ATTEMPTS + " times; last: " + last.getMessage(), last);
    }

    /** A rig's two SIP servers, each with a trunk to the other. */
    public record SipPair(SipServer carrier, SipServer dialer) {
    }

    /**
     * Starts a carrier (on a port it binds itself: {@code carrierTrunkedTo} is given the dialer's port for its trunk
     * and must configure port 0) and then the dialer on that port, trunked back ({@code dialerOn} gets the dialer's
     * port and the carrier's). The dialer's port has to be known before it binds, so it can be taken in between:
     * then both stop and the pair is started again on new ports.
     */
    public static SipPair sipPair(java.util.function.IntFunction<SipServer> carrierTrunkedTo,
                                  java.util.function.BiFunction<Integer, Integer, SipServer> dialerOn) {
        return onFreePorts("SIP servers", () -> {
            int dialerPort = freeUdpPort();
            SipServer carrier = carrierTrunkedTo.apply(dialerPort);
            try {
                return new SipPair(carrier, dialerOn.apply(dialerPort, carrier.port()));
            } catch (SipStartException e) {
                carrier.close();
                throw new PortTaken("dialer SIP port " + dialerPort + ": " + e.getMessage());
            }
        });
    }

    /**
     * A UDP port free on loopback at this moment (bind port 0 and read it, then let go) whose TCP twin is free too:
     * baresip listens on both for SIP and its console, and a console whose TCP bind fails leaves the phone running
     * without its UDP socket either (the suite's own TCP connections take ports from the same ephemeral range).
     */
    public static int freeUdpPort() {
        for (int i = 0; i < 50; i++) {
            try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                int port = s.getLocalPort();
                if (tcpFree(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no UDP port with a free TCP twin in 50 tries");
    }

    private static boolean tcpFree(int port) {
        try (java.net.ServerSocket t = new java.net.ServerSocket()) {
            t.setReuseAddress(false);
            t.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Four free UDP ports in a row from an even one (SIPp's audio, RTCP, video, video RTCP), at this moment. */
    public static synchronized int freeMediaPorts() {
        for (int i = 0; i < 200; i++) {
            int p = 50_000 + 4 * ThreadLocalRandom.current().nextInt(2_400);
            if (isFree(p) && isFree(p + 1) && isFree(p + 2) && isFree(p + 3)) {
                return p;
            }
        }
        throw new IllegalStateException("no four free UDP ports in a row");
    }

    private static boolean isFree(int port) {
        try (DatagramSocket s = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Returns once {@code p} itself holds UDP {@code ip:port}. Polls (a separate process tells nobody when it has
     * bound) for up to 10 s.
     *
     * @throws PortTaken the process exited first (it could not bind), another process holds the port, or the process
     *                   runs without ever binding it (it lost a TCP twin)
     */
    public static void awaitBoundBy(Process p, String ip, int port) throws PortTaken, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String inode = udpInode(ip, port);
            if (inode != null && socketsOf(p).contains(inode)) {
                return;
            }
            if (!p.isAlive()) {
                throw new PortTaken(ip + ":" + port + ": the process exited (status " + p.exitValue() + ")");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + ip + ":" + port, e);
            }
        }
        if (udpInode(ip, port) != null) {
            throw new PortTaken(ip + ":" + port + " is held by another process");
        }
        // alive but never bound: it lost a twin it needed (baresip's console drops its UDP socket when the TCP one
        // is taken) and carries on without; a start on new ports is the cure
        throw new PortTaken(ip + ":" + port + " not bound by the process within 10 s");
    }

    /** Whether any socket is bound to UDP ip:port, read from /proc/net/udp (probing by binding could steal it). */
    public static boolean udpBound(String ip, int port) throws IOException {
        return udpInode(ip, port) != null;
    }

    /** The socket inode bound to UDP ip:port, from /proc/net/udp; null if none. */
    private static String udpInode(String ip, int port) throws IOException {
        byte[] a = InetAddress.getByName(ip).getAddress();
        String local = String.format("%02X%02X%02X%02X:%04X", a[3], a[2], a[1], a[0], port);
        try (Stream<String> lines = Files.lines(Path.of("/proc/net/udp"))) {
            return lines.map(l -> l.trim().split("\\s+")).filter(f -> f.length > 9 && f[1].equals(local))
                    .map(f -> f[9]).findFirst().orElse(null);
        }
    }

    /** Socket inodes among the open files of {@code p} (our own user's process: its fd links are readable). */
    private static Set<String> socketsOf(Process p) throws IOException {
        Set<String> out = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(p.pid()), "fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        out.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException gone) {
                    // closed meanwhile
                }
            }
        } catch (java.nio.file.NoSuchFileException exited) {
            // the process is gone: it holds nothing
        }
        return out;
    }
}
