package org.opendialer.media.dtmf;

/**
 * Paces outgoing RFC 4733 events on the media clock: one packet per 20 ms tick while a digit lasts, the first with
 * the marker bit, all carrying the event's start timestamp and a growing duration (§2.5.1.2), then the final
 * packet three times with the E bit (§2.5.1.4), then a pause before the next queued digit. While this is active the
 * leg sends no audio, as §2.5.1.1 suggests. Allocation-free; not thread-safe (owned by the leg's event loop).
 */
public final class Rfc4733Sender {

    private static final int END_REPEATS = 3;
    private static final int VOLUME = 10; // -10 dBm0

    private final char[] queue = new char[64];
    private int head;
    private int size;
    private final int toneTicks;
    private final int gapTicks;

    private char current;
    private long eventTimestamp;
    private int tickInDigit;
    private int gapLeft;

    // outputs of the last next() call
    private boolean marker;
    private long timestamp;
    private final byte[] payload = new byte[4];

    /** @param toneMs digit length (rounded to 20 ms), @param gapMs pause between digits */
    public Rfc4733Sender(int toneMs, int gapMs) {
        this.toneTicks = Math.max(2, toneMs / 20);
        this.gapTicks = Math.max(1, gapMs / 20);
    }

    /** Queues a digit; returns false if the digit is not DTMF or the queue is full. */
    public boolean enqueue(char digit) {
        if (!DtmfTones.isDigit(digit) || size == queue.length) {
            return false;
        }
        queue[(head + size++) % queue.length] = Character.toUpperCase(digit);
        return true;
    }

    public boolean busy() {
        return current != 0 || size > 0 || gapLeft > 0;
    }

    /**
     * Advances one tick.
     *
     * @param tickTimestamp the RTP timestamp audio would carry on this tick
     * @return how many copies of the event packet ({@link #payload()}, {@link #marker()}, {@link #timestamp()})
     *         to send now: 0, 1, or 3 for the end packet
     */
    public int next(long tickTimestamp) {
        if (current == 0) {
            if (gapLeft > 0) {
                gapLeft--;
                return 0;
            }
            if (size == 0) {
                return 0;
            }
            current = queue[head];
            head = (head + 1) % queue.length;
            size--;
            eventTimestamp = tickTimestamp;
            tickInDigit = 0;
        }
        tickInDigit++;
        boolean end = tickInDigit >= toneTicks;
        int duration = Math.min(tickInDigit, toneTicks) * 160;
        marker = tickInDigit == 1;
        timestamp = eventTimestamp;
        payload[0] = (byte) DtmfTones.event(current);
        payload[1] = (byte) ((end ? 0x80 : 0) | VOLUME);
        payload[2] = (byte) (duration >> 8);
        payload[3] = (byte) duration;
        if (end) {
            current = 0;
            gapLeft = gapTicks;
            return END_REPEATS;
        }
        return 1;
    }

    public byte[] payload() {
        return payload;
    }

    public boolean marker() {
        return marker;
    }

    public long timestamp() {
        return timestamp;
    }
}
