package org.opendialer.amd.progress;

/**
 * Follows the on/off pattern of one {@link ToneDefinition} from per-frame "tone present" flags and says when the
 * pattern has been seen. A state change needs two frames in a row so that one odd frame at a boundary or in noise
 * does not split a segment; lengths are then exact to one frame (20 ms).
 */
final class CadenceTracker {

    private static final int FRAME_MS = 20;
    private static final int DEBOUNCE = 2;
    /** Off time after the last on-segment before the pattern is judged (the off must have begun, not ended). */
    private static final int OFF_GRACE_FRAMES = 8;
    private static final int HISTORY = 8;

    private final ToneDefinition def;
    private final int[] cadence;
    private final int[] history = new int[HISTORY];
    private int historySize;

    private boolean on;
    private int runFrames;
    private int pending;
    private boolean partialFirst = true;
    private boolean confirmed;

    CadenceTracker(ToneDefinition def) {
        this.def = def;
        this.cadence = def.cadenceMs();
    }

    ToneDefinition definition() {
        return def;
    }

    /** Whether the tone is in an on-segment now. */
    boolean isOn() {
        return on;
    }

    /**
     * Feeds one frame.
     *
     * @return true exactly once, on the frame the tone is recognised
     */
    boolean update(boolean present) {
        if (present == on) {
            runFrames += pending + 1;
            pending = 0;
        } else if (++pending >= DEBOUNCE) {
            endSegment();
            on = present;
            runFrames = pending;
            pending = 0;
        }
        if (confirmed) {
            return false;
        }
        if (def.isSteady()) {
            confirmed = on && runFrames * FRAME_MS >= def.steadyMs();
        } else {
            confirmed = !on && runFrames == OFF_GRACE_FRAMES && matchesCadence();
        }
        return confirmed;
    }

    private void endSegment() {
        if (partialFirst) {
            // The first segment may have started before we listened (or is the leading "off"): never match it.
            partialFirst = false;
            if (on) {
                return;
            }
        }
        if (!on && historySize == 0) {
            return; // history starts with an on-segment
        }
        if (historySize == HISTORY) {
            System.arraycopy(history, 2, history, 0, HISTORY - 2);
            historySize -= 2;
        }
        history[historySize++] = runFrames * FRAME_MS;
    }

    /** The last completed segments (oldest first, newest an on-segment) fit the cadence at some phase. */
    private boolean matchesCadence() {
        int need = 2 * def.confirmOnSegments() - 1;
        if (historySize < need) {
            return false;
        }
        int start = historySize - need;
        for (int phase = 0; phase < cadence.length; phase += 2) {
            boolean all = true;
            for (int i = 0; i < need && all; i++) {
                all = fits(history[start + i], cadence[(phase + i) % cadence.length]);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    /** Tolerance: 20 % plus two frames of quantisation. */
    static boolean fits(int measuredMs, int expectedMs) {
        return Math.abs(measuredMs - expectedMs) <= expectedMs / 5 + 2 * FRAME_MS;
    }
}
