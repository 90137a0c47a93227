package org.opendialer.media.dtmf;

import io.netty.buffer.ByteBuf;

/**
 * Receives RFC 4733 telephone-events (§2.3 payload: event, E bit, volume, duration).
 *
 * <p>An event is identified by its RTP timestamp (§2.5.1.3). It starts on its first packet (even if that packet
 * already carries the E bit because the earlier ones were lost), ends on the first E packet — the redundant end
 * packets (§2.5.1.4) are ignored — or, if every end packet is lost, {@value #TIMEOUT_TICKS} ticks after the last
 * packet. Packets of an older event arriving after a newer one are ignored. Allocation-free; not thread-safe.
 */
public final class Rfc4733Receiver {

    /** Ticks (20 ms) without a packet after which an unfinished event is ended. */
    public static final int TIMEOUT_TICKS = 15;

    public interface Listener {
        void onEventStart(char digit);

        void onEventEnd(char digit, int durationMs);
    }

    private final Listener listener;
    private boolean haveEvent;
    private long eventTs;
    private char digit;
    private boolean ended;
    private int lastDuration;
    private long lastPacketTick;
    private long malformed;
    private long events;

    public Rfc4733Receiver(Listener listener) {
        this.listener = listener;
    }

    /** Handles one event packet's payload at {@code buf[offset..offset+len)}. */
    public void onPacket(ByteBuf buf, int offset, int len, long rtpTimestamp, long tick) {
        if (len < 4) {
            malformed++;
            return;
        }
        int event = buf.getUnsignedByte(offset);
        boolean end = (buf.getUnsignedByte(offset + 1) & 0x80) != 0;
        int duration = buf.getUnsignedShort(offset + 2);
        char d = DtmfTones.digitOfEvent(event);
        if (d == 0) {
            malformed++; // flash (16) and non-DTMF events are not digits
            return;
        }
        if (haveEvent && rtpTimestamp != eventTs) {
            if ((int) (rtpTimestamp - eventTs) < 0) {
                return; // straggler from an older event
            }
            if (!ended) {
                finish();
            }
            haveEvent = false;
        }
        if (!haveEvent) {
            haveEvent = true;
            eventTs = rtpTimestamp;
            digit = d;
            ended = false;
            events++;
            listener.onEventStart(d);
        }
        lastPacketTick = tick;
        if (ended) {
            return;
        }
        lastDuration = Math.max(lastDuration, duration);
        if (end) {
            finish();
        }
    }

    /** Ends an event whose end packets were all lost. */
    public void onTick(long tick) {
        if (haveEvent && !ended && tick - lastPacketTick > TIMEOUT_TICKS) {
            finish();
        }
    }

    private void finish() {
        ended = true;
        listener.onEventEnd(digit, lastDuration / 8);
        lastDuration = 0;
    }

    public long malformed() {
        return malformed;
    }

    public long events() {
        return events;
    }
}
