package org.opendialer.media.session;

import org.opendialer.media.SdpException;
import org.opendialer.media.sdp.Direction;
import org.opendialer.media.sdp.SdpNegotiator;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A leg's offer/answer state: our origin line (session id, version bumped exactly when the body changes, RFC 3264
 * §8), our wanted direction (hold), and the last agreement. Thread-safe (synchronized; SDP is off the media path).
 */
final class SessionSdp {

    private final String localAddress;
    private final int port;
    private final long sessionId = ThreadLocalRandom.current().nextLong(1, 1L << 40);
    private long version = 1;
    private String lastBody;
    private Direction localDirection = Direction.SENDRECV;
    private SdpNegotiator.Negotiated negotiated;

    SessionSdp(String localAddress, int port) {
        this.localAddress = localAddress;
        this.port = port;
    }

    synchronized String offer() {
        return versioned(SdpNegotiator.offer(local()));
    }

    synchronized SdpNegotiator.Answer answer(String remoteOffer) throws SdpException {
        SdpNegotiator.Answer a = SdpNegotiator.answer(remoteOffer, local());
        negotiated = a.media();
        return new SdpNegotiator.Answer(versioned(a.sdp()), a.media());
    }

    synchronized SdpNegotiator.Negotiated acceptAnswer(String remoteAnswer) throws SdpException {
        negotiated = SdpNegotiator.acceptAnswer(remoteAnswer, local());
        return negotiated;
    }

    synchronized void setLocalDirection(Direction d) {
        localDirection = d;
    }

    synchronized SdpNegotiator.Negotiated negotiated() {
        return negotiated;
    }

    /** What we may do now: the agreed direction, further limited by hold. */
    synchronized Direction effectiveDirection() {
        return negotiated == null ? localDirection : negotiated.direction().restrictTo(localDirection);
    }

    private SdpNegotiator.Local local() {
        return new SdpNegotiator.Local(localAddress, port, sessionId, version, localDirection);
    }

    private String versioned(String body) {
        String withoutOrigin = body.replaceFirst("o=[^\r\n]*", "");
        if (lastBody != null && !lastBody.equals(withoutOrigin)) {
            version++;
            body = body.replaceFirst("(o=opendialer \\d+ )\\d+", "$1" + version);
        }
        lastBody = withoutOrigin;
        return body;
    }
}
