package org.opendialer.media;

/**
 * Media settings.
 *
 * @param bindAddress  local address for RTP/RTCP sockets
 * @param rtpPortMin   first port of the RTP range (even; RTCP uses the next odd port)
 * @param rtpPortMax   last port of the RTP range
 * @param tts          text-to-speech engines and the prompt cache (null = defaults)
 */
public record MediaConfig(String bindAddress, int rtpPortMin, int rtpPortMax, TtsConfig tts) {

    public MediaConfig(String bindAddress, int rtpPortMin, int rtpPortMax) {
        this(bindAddress, rtpPortMin, rtpPortMax, null);
    }

    public MediaConfig {
        tts = tts == null ? TtsConfig.defaults() : tts;
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new IllegalArgumentException("bindAddress: must not be empty");
        }
        if (rtpPortMin < 1024 || rtpPortMax > 65535 || rtpPortMin >= rtpPortMax) {
            throw new IllegalArgumentException("rtpPortMin/rtpPortMax: need 1024 <= rtpPortMin < rtpPortMax <= 65535, was "
                    + rtpPortMin + ".." + rtpPortMax);
        }
        if (rtpPortMin % 2 != 0) {
            throw new IllegalArgumentException("rtpPortMin: must be even (RTP even, RTCP odd), was " + rtpPortMin);
        }
    }

    /** How many concurrent legs the range can carry (one RTP/RTCP pair each). */
    public int portPairs() {
        return (rtpPortMax - rtpPortMin + 1) / 2;
    }
}
