package org.opendialer.acd.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.opendialer.sip.CallEvent;
import org.opendialer.sip.OriginateRequest;
import org.opendialer.sip.SipConfig;
import org.opendialer.sip.SipServer;
import org.opendialer.store.testing.TestDb;

/**
 * End to end over the embedded PostgreSQL: a phone registers (digest) with one SIP server, the server stops, a new
 * one starts over the same database and an agent call reaches the phone, which answers 486 Busy Here.
 */
class AgentRestartTest {

    private static final String SDP = "v=0\r\no=dialer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    private final AgentCredentials credentials = new AgentCredentials(TestDb.dataSource(), "dialer.test");
    private final AgentRegistrations registrations = new AgentRegistrations(TestDb.dataSource());

    private SipServer start() {
        return SipServer.start(new SipConfig("127.0.0.1", 0, 0, List.of("udp"), List.of()), credentials,
                "dialer.test", registrations);
    }

    @Test
    void aPhoneRegisteredBeforeARestartIsCalledAfterIt() throws Exception {
        credentials.set("restart-1", "password-1");
        try (DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            phone.setSoTimeout(5_000);
            try (SipServer first = start()) {
                String challenge = exchange(phone, first.port(), register(phone, first.port(), 1, null));
                assertThat(challenge).startsWith("SIP/2.0 401");
                String ok = exchange(phone, first.port(), register(phone, first.port(), 2, digest(challenge, first.port())));
                assertThat(ok).startsWith("SIP/2.0 200");
                for (int i = 0; i < 250 && registrations.loadUnexpired(java.time.Instant.now()).stream()
                        .noneMatch(r -> r.user().equals("restart-1")); i++) {
                    Thread.sleep(20); // written off the SIP thread, just after the 200
                }
            }
            try (SipServer second = start()) {
                BlockingQueue<CallEvent> events = new LinkedBlockingQueue<>();
                second.originate(OriginateRequest.toAgent("restart-1", SDP), events::add);
                String invite = receive(phone);
                assertThat(invite).startsWith("INVITE sip:restart-1@127.0.0.1:" + phone.getLocalPort());
                send(phone, second.port(), busy(invite));
                CallEvent last;
                do {
                    last = events.poll(10, TimeUnit.SECONDS);
                } while (last != null && !(last instanceof CallEvent.Failed));
                assertThat(last).isInstanceOfSatisfying(CallEvent.Failed.class,
                        f -> assertThat(f.sipStatus()).isEqualTo(486));
            }
        }
    }

    private static String register(DatagramSocket phone, int serverPort, int cseq, String authorization) {
        int port = phone.getLocalPort();
        return "REGISTER sip:127.0.0.1:" + serverPort + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bK-restart-" + cseq + ";rport\r\n"
                + "From: <sip:restart-1@dialer.test>;tag=r1\r\nTo: <sip:restart-1@dialer.test>\r\n"
                + "Call-ID: restart-1@127.0.0.1\r\nCSeq: " + cseq + " REGISTER\r\n"
                + "Contact: <sip:restart-1@127.0.0.1:" + port + ">\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Expires: 300\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
    }

    private static String digest(String challenge, int serverPort) throws Exception {
        String nonce = param(challenge, "nonce");
        String uri = "sip:127.0.0.1:" + serverPort;
        String ha1 = md5("restart-1:dialer.test:password-1");
        String response = md5(ha1 + ":" + nonce + ":00000001:c0ffee:auth:" + md5("REGISTER:" + uri));
        return "Digest username=\"restart-1\", realm=\"dialer.test\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", response=\"" + response + "\", algorithm=MD5, qop=auth, nc=00000001, cnonce=\"c0ffee\"";
    }

    /** 486 for an INVITE: its Via, From, To (with a tag), Call-ID and CSeq copied as RFC 3261 §8.2.6.2 says. */
    private static String busy(String invite) {
        StringBuilder r = new StringBuilder("SIP/2.0 486 Busy Here\r\n");
        for (String line : invite.split("\r\n")) {
            String name = line.contains(":") ? line.substring(0, line.indexOf(':')).trim().toLowerCase() : "";
            switch (name) {
                case "via", "from", "call-id", "cseq" -> r.append(line).append("\r\n");
                case "to" -> r.append(line).append(";tag=busy1\r\n");
                default -> { }
            }
        }
        return r.append("Content-Length: 0\r\n\r\n").toString();
    }

    private static String exchange(DatagramSocket phone, int serverPort, String request) throws Exception {
        send(phone, serverPort, request);
        String response;
        do {
            response = receive(phone);
        } while (response.startsWith("SIP/2.0 100"));
        return response;
    }

    private static void send(DatagramSocket phone, int serverPort, String message) throws Exception {
        byte[] b = message.getBytes(StandardCharsets.US_ASCII);
        phone.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), serverPort));
    }

    private static String receive(DatagramSocket phone) throws Exception {
        byte[] buf = new byte[8192];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        phone.receive(p);
        return new String(buf, 0, p.getLength(), StandardCharsets.US_ASCII);
    }

    private static String param(String message, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(message);
        assertThat(m.find()).as(name + " in " + message).isTrue();
        return m.group(1);
    }

    private static String md5(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
