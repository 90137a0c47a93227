package org.opendialer.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A toll-fraud scanner in miniature: sends SIP requests from one loopback source as fast as the socket takes them,
 * in windows of {@code window} unanswered requests so the server's receive buffer is never overrun, and counts the
 * status codes that come back. Bounded by count and by a deadline.
 */
final class UdpBlaster implements AutoCloseable {

    /** RFC 3261 §8.2.6.2: every final response carries a To tag. */
    private static final java.util.regex.Pattern TO_TAG =
            java.util.regex.Pattern.compile("(?im)^(To|t)\\s*:.*;\\s*tag=");

    private final DatagramSocket socket;
    private final InetSocketAddress target;
    private final String localIp;
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private int sent;
    private int answered;
    private int untagged;

    UdpBlaster(String localIp, int targetPort) throws IOException {
        this.localIp = localIp;
        this.socket = new DatagramSocket(0, InetAddress.getByName(localIp));
        this.socket.setReceiveBufferSize(4 << 20);
        this.target = new InetSocketAddress("127.0.0.1", targetPort);
    }

    /** Sends {@code count} requests of {@code method} and waits for their final answers; returns answers by status. */
    Map<Integer, Integer> send(String method, int count, int window, long deadlineSeconds) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(deadlineSeconds);
        int start = sent;
        int answeredAtStart = answered;
        while (answered - answeredAtStart < count && System.nanoTime() < deadline) {
            while (sent - start < count && sent - answered < window) {
                byte[] b = request(method, sent++).getBytes(StandardCharsets.US_ASCII);
                socket.send(new DatagramPacket(b, b.length, target));
            }
            receive(200);
        }
        return Map.copyOf(statuses);
    }

    private void receive(int timeoutMillis) throws IOException {
        byte[] buf = new byte[4096];
        socket.setSoTimeout(timeoutMillis);
        try {
            while (true) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                String text = new String(buf, 0, p.getLength(), StandardCharsets.US_ASCII);
                if (text.startsWith("SIP/2.0 ")) {
                    int status = Integer.parseInt(text.substring(8, 11));
                    if (status >= 200) {
                        statuses.merge(status, 1, Integer::sum);
                        answered++;
                        if (!TO_TAG.matcher(text).find()) {
                            untagged++;
                        }
                    }
                }
                socket.setSoTimeout(1);
            }
        } catch (SocketTimeoutException drained) {
            // nothing more for now
        }
    }

    /** Final responses so far that lacked a To tag. */
    int untaggedFinalResponses() {
        return untagged;
    }

    private String request(String method, int n) {
        int port = socket.getLocalPort();
        return method + " sip:+12015550100@127.0.0.1:" + target.getPort() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + localIp + ":" + port + ";branch=z9hG4bK-blast-" + n + ";rport\r\n"
                + "From: <sip:100@" + localIp + ">;tag=blast" + n + "\r\n"
                + "To: <sip:+12015550100@127.0.0.1>\r\n"
                + "Call-ID: blast-" + n + "@" + localIp + "\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Contact: <sip:100@" + localIp + ":" + port + ">\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    @Override
    public void close() {
        socket.close();
    }
}
