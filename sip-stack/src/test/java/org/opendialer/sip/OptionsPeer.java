package org.opendialer.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A trunk's far end reduced to OPTIONS over UDP on loopback: silent until {@link #answer()}, then 200 OK to every
 * probe it had not seen before (retransmissions of a probe sent while silent stay unanswered, so only a new
 * keep-alive can bring the trunk back).
 */
final class OptionsPeer implements AutoCloseable {

    private static final Pattern CALL_ID = Pattern.compile("(?im)^Call-ID\\s*:\\s*(\\S+)");

    private final DatagramSocket socket;
    private final Thread reader;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Set<String> ignored = ConcurrentHashMap.newKeySet();
    private final AtomicInteger probes = new AtomicInteger();
    private volatile boolean answering;

    OptionsPeer() throws IOException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        reader = Thread.ofPlatform().daemon().name("options-peer").start(this::serve);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Distinct OPTIONS probes received so far. */
    int probes() {
        return probes.get();
    }

    void answer() {
        answering = true;
    }

    private void serve() {
        byte[] buf = new byte[8192];
        while (!socket.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                String request = new String(buf, 0, p.getLength(), StandardCharsets.US_ASCII);
                Matcher id = CALL_ID.matcher(request);
                if (!request.startsWith("OPTIONS ") || !id.find()) {
                    continue;
                }
                String callId = id.group(1);
                if (seen.add(callId)) {
                    probes.incrementAndGet();
                    if (!answering) {
                        ignored.add(callId);
                    }
                }
                if (answering && !ignored.contains(callId)) {
                    byte[] ok = ok(request).getBytes(StandardCharsets.US_ASCII);
                    socket.send(new DatagramPacket(ok, ok.length, p.getSocketAddress()));
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** 200 OK echoing the request's Via, From, To (with a tag), Call-ID and CSeq (RFC 3261 §8.2.6.2). */
    private static String ok(String request) {
        StringBuilder r = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (String line : request.split("\r\n")) {
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT);
            switch (name) {
                case "via", "from", "call-id", "cseq" -> r.append(line).append("\r\n");
                case "to" -> r.append(line).append(";tag=peer\r\n");
                default -> { }
            }
        }
        return r.append("Content-Length: 0\r\n\r\n").toString();
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        reader.join(2000);
    }
}
