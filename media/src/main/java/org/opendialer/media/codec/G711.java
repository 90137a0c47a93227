package org.opendialer.media.codec;

/**
 * G.711 µ-law (PCMU, RTP payload type 0) and A-law (PCMA, type 8), table-driven.
 *
 * <p>Both directions are single array look-ups (a 256-entry decode table and a 64 K-entry encode table per law),
 * built once from the ITU-T G.711 segment definitions. The bulk methods fill caller-supplied arrays and allocate
 * nothing, so they can sit on the 20 ms path. Thread-safe (tables are immutable after class initialisation).
 */
public enum G711 {
    PCMU(0, "PCMU"),
    PCMA(8, "PCMA");

    /** 8 kHz samples in one 20 ms frame, and therefore bytes in one 20 ms G.711 payload. */
    public static final int FRAME_SAMPLES = 160;

    private final int payloadType;
    private final String encodingName;
    private final short[] decodeTable = new short[256];
    private final byte[] encodeTable = new byte[65536];

    G711(int payloadType, String encodingName) {
        this.payloadType = payloadType;
        this.encodingName = encodingName;
        for (int b = 0; b < 256; b++) {
            decodeTable[b] = (short) (payloadType == 0 ? ulawToLinear(b) : alawToLinear(b));
        }
        for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s++) {
            encodeTable[s & 0xFFFF] = (byte) (payloadType == 0 ? linearToUlaw(s) : linearToAlaw(s));
        }
    }

    /** Static RTP payload type (RFC 3551 table 4). */
    public int payloadType() {
        return payloadType;
    }

    /** Encoding name as written in SDP {@code a=rtpmap}. */
    public String encodingName() {
        return encodingName;
    }

    public short decode(byte encoded) {
        return decodeTable[encoded & 0xFF];
    }

    public byte encode(short linear) {
        return encodeTable[linear & 0xFFFF];
    }

    /** Decodes {@code count} bytes from {@code src[srcOff..]} into {@code dst[dstOff..]}. */
    public void decode(byte[] src, int srcOff, short[] dst, int dstOff, int count) {
        for (int i = 0; i < count; i++) {
            dst[dstOff + i] = decodeTable[src[srcOff + i] & 0xFF];
        }
    }

    /** Encodes {@code count} samples from {@code src[srcOff..]} into {@code dst[dstOff..]}. */
    public void encode(short[] src, int srcOff, byte[] dst, int dstOff, int count) {
        for (int i = 0; i < count; i++) {
            dst[dstOff + i] = encodeTable[src[srcOff + i] & 0xFFFF];
        }
    }

    /** Codec for a static payload type, or null if it is not G.711. */
    public static G711 forPayloadType(int pt) {
        return pt == 0 ? PCMU : pt == 8 ? PCMA : null;
    }

    /** Codec for an SDP encoding name (case-insensitive), or null. */
    public static G711 forEncodingName(String name) {
        for (G711 c : values()) {
            if (c.encodingName.equalsIgnoreCase(name)) {
                return c;
            }
        }
        return null;
    }

    // --- reference segment arithmetic, used only to build the tables ---

    // constants the enum constructors use must not be enum statics (those are initialised after the constants)
    private static final int ULAW_BIAS = 0x84;

    private static final class Segments {
        static final int[] ULAW_END = {0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF};
        static final int[] ALAW_END = {0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF};
    }

    private static int segment(int value, int[] ends) {
        for (int i = 0; i < ends.length; i++) {
            if (value <= ends[i]) {
                return i;
            }
        }
        return ends.length;
    }

    static int linearToUlaw(int pcm) {
        int v = pcm >> 2;
        int mask;
        if (v < 0) {
            v = -v;
            mask = 0x7F;
        } else {
            mask = 0xFF;
        }
        v = Math.min(v, 8159) + (ULAW_BIAS >> 2);
        int seg = segment(v, Segments.ULAW_END);
        if (seg >= 8) {
            return 0x7F ^ mask;
        }
        return ((seg << 4) | ((v >> (seg + 1)) & 0xF)) ^ mask;
    }

    static int ulawToLinear(int u) {
        u = ~u & 0xFF;
        int t = ((u & 0x0F) << 3) + ULAW_BIAS;
        t <<= (u & 0x70) >> 4;
        return (u & 0x80) != 0 ? ULAW_BIAS - t : t - ULAW_BIAS;
    }

    static int linearToAlaw(int pcm) {
        int v = pcm >> 3;
        int mask;
        if (v >= 0) {
            mask = 0xD5;
        } else {
            mask = 0x55;
            v = -v - 1;
        }
        int seg = segment(v, Segments.ALAW_END);
        if (seg >= 8) {
            return 0x7F ^ mask;
        }
        int a = seg << 4;
        a |= seg < 2 ? (v >> 1) & 0x0F : (v >> seg) & 0x0F;
        return a ^ mask;
    }

    static int alawToLinear(int a) {
        a ^= 0x55;
        int t = (a & 0x0F) << 4;
        int seg = (a & 0x70) >> 4;
        if (seg == 0) {
            t += 8;
        } else {
            t += 0x108;
            if (seg > 1) {
                t <<= seg - 1;
            }
        }
        return (a & 0x80) != 0 ? t : -t;
    }
}
