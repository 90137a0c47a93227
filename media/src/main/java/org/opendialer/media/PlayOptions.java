package org.opendialer.media;

/**
 * @param bargeIn stop playback as soon as a digit begins (either source); the digit is in the result and is
 *                still delivered to DTMF listeners and collectors (kept as type-ahead when none is running)
 */
public record PlayOptions(boolean bargeIn) {
    public static final PlayOptions DEFAULT = new PlayOptions(false);
    public static final PlayOptions BARGE_IN = new PlayOptions(true);
}
