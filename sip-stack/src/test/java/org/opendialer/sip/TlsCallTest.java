package org.opendialer.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIP over TLS between two of our own servers on loopback: a carrier-side server listening on TLS and a dialer
 * whose trunk uses transport tls. The certificate is made by the JDK's keytool and trusted through the same file.
 */
class TlsCallTest {

    @TempDir
    Path tmp;

    @Test
    void callOverATlsTrunkIsAnsweredAndHungUp() throws Exception {
        Path keyStore = tmp.resolve("sip.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "sip", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=IP:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", "changeit").redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        SipConfig.Tls tls = new SipConfig.Tls(keyStore.toString(), "changeit");

        TrunkConfig fromDialer = new TrunkConfig("dialer", "trunk", "127.0.0.1", 5060, "tls", 10, 10, "US", 0, null,
                null, null, null, null, null, false, null, 0);
        try (SipServer carrier = SipServer.start(new SipConfig("127.0.0.1", 0, 0, List.of("udp", "tls"),
                List.of(fromDialer), tls), AgentDirectory.none(), "carrier.test")) {
            BlockingQueue<InboundCall> arrived = new LinkedBlockingQueue<>();
            EventRecorder carrierSide = new EventRecorder();
            carrier.route("*", call -> {
                arrived.add(call);
                carrier.answer(call.callId(), OutboundCallTest.OFFER);
                return carrierSide;
            });
            TrunkConfig overTls = new TrunkConfig("secure", "trunk", "127.0.0.1", carrier.tlsPort(), "tls", 10, 10,
                    "US", 0, null, null, null, null, null, "+15550001111", false, null, 0);
            // TLS only: every Contact the dialer sends must name its TLS port, or the carrier's BYE goes nowhere
            try (SipServer dialer = SipServer.start(new SipConfig("127.0.0.1", 0, 0, List.of("tls"),
                    List.of(overTls), tls), AgentDirectory.none(), "dialer.test")) {
                EventRecorder events = new EventRecorder();
                String id = dialer.originate(OriginateRequest.toNumber("+12015550123", OutboundCallTest.OFFER),
                        events);
                events.await(CallEvent.Answered.class, 15);
                InboundCall call = arrived.poll(5, TimeUnit.SECONDS);
                assertThat(call).isNotNull();
                assertThat(call.did()).isEqualTo("+12015550123");
                assertThat(call.source()).isEqualTo("dialer");
                dialer.reinvite(id, OutboundCallTest.OFFER.replace("a=rtpmap:101", "a=sendonly\r\na=rtpmap:101"));
                CallEvent.Modified hold = carrierSide.await(CallEvent.Modified.class, 10);
                assertThat(hold.onHold()).isTrue();
                carrier.hangup(call.callId(), Q850.NORMAL_CLEARING); // BYE to the Contact of the re-INVITE
                CallEvent.Ended ended = events.await(CallEvent.Ended.class, 10);
                assertThat(ended.side()).isEqualTo(HangupSide.REMOTE);
                carrierSide.await(CallEvent.Ended.class, 10);
            }
        }
    }
}
