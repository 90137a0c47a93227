package org.opendialer.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An agent phone reduced to REGISTER with digest (RFC 2617, qop=auth) over UDP from a chosen loopback address:
 * send, answer the 401 challenge with the given password, report the final status and any Retry-After. It can also
 * take the next INVITE sent to its contact, as received, and refuse it (a phone whose offers a test inspects).
 */
public final class RegisterClient implements AutoCloseable {

    /** Final answer to one registration attempt. */
    public record Outcome(int status, int retryAfter) { }

    private static final Pattern STATUS = Pattern.compile("^SIP/2\\.0 (\\d{3})");
    private static final Pattern RETRY_AFTER = Pattern.compile("(?im)^Retry-After\\s*:\\s*(\\d+)");

    private final DatagramSocket socket;
    private final InetSocketAddress registrar;
    private final String localIp;
    private int attempt;
    private String userAgent;

    public RegisterClient(String localIp, int registrarPort) throws IOException {
        this.localIp = localIp;
        this.socket = new DatagramSocket(0, InetAddress.getByName(localIp));
        this.socket.setSoTimeout(5_000);
        this.registrar = new InetSocketAddress("127.0.0.1", registrarPort);
    }

    /** Sends {@code User-Agent: product} with the REGISTERs from now on. */
    public RegisterClient userAgent(String product) {
        this.userAgent = product;
        return this;
    }

    public Outcome register(String user, String password) throws IOException {
        return register(user, password, 300);
    }

    /** Registers this client's contact for {@code expires} seconds; 0 unregisters it. */
    public Outcome register(String user, String password, int expires) throws IOException {
        String callId = "reg-" + (++attempt) + "@" + localIp;
        String uri = "sip:127.0.0.1:" + registrar.getPort();
        String first = exchange(request(user, callId, 1, uri, null, expires));
        if (status(first) != 401) {
            return outcome(first);
        }
        String nonce = param(first, "nonce");
        String realm = param(first, "realm");
        String cnonce = Integer.toHexString(attempt * 7919);
        String ha1 = md5(user + ":" + realm + ":" + password);
        String response = md5(ha1 + ":" + nonce + ":00000001:" + cnonce + ":auth:" + md5("REGISTER:" + uri));
        String auth = "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\""
                + uri + "\", response=\"" + response + "\", algorithm=MD5, qop=auth, nc=00000001, cnonce=\""
                + cnonce + "\"";
        return outcome(exchange(request(user, callId, 2, uri, auth, expires)));
    }

    private String request(String user, String callId, int cseq, String uri, String authorization, int expires) {
        int port = socket.getLocalPort();
        return "REGISTER " + uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + localIp + ":" + port + ";branch=z9hG4bK-" + callId.hashCode() + "-" + cseq
                + ";rport\r\n"
                + "From: <sip:" + user + "@dialer.test>;tag=t" + attempt + "\r\n"
                + "To: <sip:" + user + "@dialer.test>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " REGISTER\r\n"
                + "Contact: <sip:" + user + "@" + localIp + ":" + port + ">\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + (userAgent == null ? "" : "User-Agent: " + userAgent + "\r\n")
                + "Expires: " + expires + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    /** Sends a request and returns its first final response (100 Trying is skipped). */
    private String exchange(String request) throws IOException {
        byte[] b = request.getBytes(StandardCharsets.US_ASCII);
        socket.send(new DatagramPacket(b, b.length, registrar));
        byte[] buf = new byte[8192];
        while (true) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            socket.receive(p);
            String text = new String(buf, 0, p.getLength(), StandardCharsets.US_ASCII);
            if (status(text) >= 200) {
                return text;
            }
        }
    }

    private static Outcome outcome(String response) {
        Matcher m = RETRY_AFTER.matcher(response);
        return new Outcome(status(response), m.find() ? Integer.parseInt(m.group(1)) : -1);
    }

    private static int status(String response) {
        Matcher m = STATUS.matcher(response);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static String param(String response, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(response);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in challenge: " + response);
        }
        return m.group(1);
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The next INVITE sent to this phone, as received (retransmissions of earlier ones skipped), refused with 486
     * Busy Here so the offer ends at once. Waits up to 30 s.
     */
    public String takeInvite() throws IOException {
        byte[] buf = new byte[8192];
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (java.net.SocketTimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                continue;
            }
            String text = new String(buf, 0, p.getLength(), StandardCharsets.US_ASCII);
            if (text.startsWith("INVITE ")) {
                String busy = "SIP/2.0 486 Busy Here\r\n" + headers(text, "Via") + headers(text, "From")
                        + headers(text, "To").replaceFirst("\r\n$", ";tag=busy\r\n") + headers(text, "Call-ID")
                        + headers(text, "CSeq") + "Content-Length: 0\r\n\r\n";
                byte[] b = busy.getBytes(StandardCharsets.US_ASCII);
                socket.send(new DatagramPacket(b, b.length, p.getSocketAddress()));
                return text;
            }
        }
    }

    /** Every {@code name:} line of a message, in order, CRLF-terminated. */
    private static String headers(String message, String name) {
        StringBuilder out = new StringBuilder();
        Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + "\\s*:[^\r\n]*").matcher(message);
        while (m.find()) {
            out.append(m.group()).append("\r\n");
        }
        return out.toString();
    }

    /** The Contact URI this client registers for {@code user}. */
    public String contact(String user) {
        return "sip:" + user + "@" + localIp + ":" + socket.getLocalPort();
    }

    @Override
    public void close() {
        socket.close();
    }
}
