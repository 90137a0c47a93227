package org.opendialer.media.sdp;

import org.junit.jupiter.api.Test;
import org.opendialer.media.SdpException;
import org.opendialer.media.codec.G711;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SdpNegotiatorTest {

    private static final SdpNegotiator.Local US =
            new SdpNegotiator.Local("127.0.0.1", 20000, 42, 1, Direction.SENDRECV);

    private static String offer(String connection, String mline, String... attrs) {
        StringBuilder sb = new StringBuilder("v=0\r\no=- 1 1 IN IP4 " + connection + "\r\ns=-\r\nc=IN IP4 "
                + connection + "\r\nt=0 0\r\n" + mline + "\r\n");
        for (String a : attrs) {
            sb.append(a).append("\r\n");
        }
        return sb.toString();
    }

    @Test
    void ourOfferListsG711AndTelephoneEvent() throws SdpException {
        String o = SdpNegotiator.offer(US);
        assertThat(o).contains("m=audio 20000 RTP/AVP 0 8 101", "a=rtpmap:101 telephone-event/8000",
                "a=fmtp:101 0-16", "a=ptime:20", "a=sendrecv", "c=IN IP4 127.0.0.1");
        SdpParser.Parsed p = SdpParser.parse(o);
        assertThat(p.media()).hasSize(1);
        assertThat(p.media().get(0).formats()).containsExactly(0, 8, 101);
    }

    @Test
    void answerPicksTheOfferersFirstG711AndKeepsTheirEventType() throws SdpException {
        String offer = offer("127.0.0.2", "m=audio 30000 RTP/AVP 18 8 0 96", "a=rtpmap:96 telephone-event/8000",
                "a=ptime:30");
        SdpNegotiator.Answer a = SdpNegotiator.answer(offer, US);
        assertThat(a.media().codec()).isEqualTo(G711.PCMA);
        assertThat(a.media().eventPt()).isEqualTo(96);
        assertThat(a.media().remoteAddress()).isEqualTo("127.0.0.2");
        assertThat(a.media().remoteRtpPort()).isEqualTo(30000);
        assertThat(a.media().remoteRtcpPort()).isEqualTo(30001);
        assertThat(a.media().remotePtime()).isEqualTo(30);
        assertThat(a.sdp()).contains("m=audio 20000 RTP/AVP 8 96", "a=rtpmap:96 telephone-event/8000");
    }

    @Test
    void unacceptableOffersSayWhy() {
        assertThatThrownBy(() -> SdpNegotiator.answer(offer("10.0.0.1", "m=audio 4000 RTP/AVP 18",
                "a=rtpmap:18 G729/8000"), US)).isInstanceOf(SdpException.class)
                .hasMessage("no common codec: offered [G729]");
        assertThatThrownBy(() -> SdpNegotiator.answer(offer("10.0.0.1", "m=audio 4000 RTP/SAVP 0"), US))
                .hasMessageContaining("unsupported transport RTP/SAVP");
        assertThatThrownBy(() -> SdpNegotiator.answer(offer("10.0.0.1", "m=video 4000 RTP/AVP 96"), US))
                .hasMessage("unsupported media video");
        assertThatThrownBy(() -> SdpNegotiator.answer("garbage", US)).hasMessage("SDP must start with v=0");
        assertThatThrownBy(() -> SdpNegotiator.answer(offer("10.0.0.1", "m=audio 0 RTP/AVP 0"), US))
                .hasMessageContaining("port 0");
    }

    @Test
    void videoIsRejectedWithPortZeroAlongsideAcceptedAudio() throws SdpException {
        String offer = offer("10.0.0.1", "m=audio 4000 RTP/AVP 0") + "m=video 5000 RTP/AVP 96\r\n";
        SdpNegotiator.Answer a = SdpNegotiator.answer(offer, US);
        assertThat(a.sdp()).contains("m=audio 20000 RTP/AVP 0\r\n", "m=video 0 RTP/AVP 96");
        assertThat(a.media().eventPt()).isEqualTo(-1);
    }

    @Test
    void holdDirectionsFollowRfc3264() throws SdpException {
        assertThat(SdpNegotiator.answer(offer("10.0.0.1", "m=audio 4000 RTP/AVP 0", "a=sendonly"), US)
                .media().direction()).isEqualTo(Direction.RECVONLY);
        assertThat(SdpNegotiator.answer(offer("10.0.0.1", "m=audio 4000 RTP/AVP 0", "a=inactive"), US)
                .media().direction()).isEqualTo(Direction.INACTIVE);
        SdpNegotiator.Local holding = new SdpNegotiator.Local("127.0.0.1", 20000, 42, 2, Direction.SENDONLY);
        SdpNegotiator.Answer a = SdpNegotiator.answer(offer("10.0.0.1", "m=audio 4000 RTP/AVP 0"), holding);
        assertThat(a.sdp()).contains("a=sendonly");
        SdpNegotiator.Answer legacyHold = SdpNegotiator.answer(offer("0.0.0.0", "m=audio 4000 RTP/AVP 0"), US);
        assertThat(legacyHold.media().remoteAddress()).isNull();
    }

    @Test
    void acceptAnswerChecksItAgainstOurOffer() throws SdpException {
        SdpNegotiator.Negotiated n = SdpNegotiator.acceptAnswer(offer("127.0.0.9", "m=audio 6000 RTP/AVP 0 101",
                "a=rtpmap:101 telephone-event/8000", "a=recvonly", "a=rtcp:6009"), US);
        assertThat(n.codec()).isEqualTo(G711.PCMU);
        assertThat(n.direction()).isEqualTo(Direction.SENDONLY);
        assertThat(n.remoteRtcpPort()).isEqualTo(6009);
        assertThatThrownBy(() -> SdpNegotiator.acceptAnswer(offer("127.0.0.9", "m=audio 0 RTP/AVP 0"), US))
                .hasMessage("answer rejected the audio stream");
    }
}
