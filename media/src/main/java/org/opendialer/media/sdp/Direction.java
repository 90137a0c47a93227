package org.opendialer.media.sdp;

/** SDP media direction attribute (RFC 3264 §5.1, §6.1), from the point of view of the side that wrote it. */
public enum Direction {
    SENDRECV, SENDONLY, RECVONLY, INACTIVE;

    public boolean sends() {
        return this == SENDRECV || this == SENDONLY;
    }

    public boolean receives() {
        return this == SENDRECV || this == RECVONLY;
    }

    /** The same stream described from the other side. */
    public Direction reverse() {
        return switch (this) {
            case SENDONLY -> RECVONLY;
            case RECVONLY -> SENDONLY;
            default -> this;
        };
    }

    /** The most both sides allow: we send only if we want to and they receive, and vice versa. */
    public Direction restrictTo(Direction allowedForUs) {
        return of(sends() && allowedForUs.sends(), receives() && allowedForUs.receives());
    }

    public static Direction of(boolean send, boolean receive) {
        return send ? (receive ? SENDRECV : SENDONLY) : (receive ? RECVONLY : INACTIVE);
    }

    public String attribute() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
