package org.opendialer.media;

/**
 * How a playback ended.
 *
 * @param digit     the digit that interrupted it ({@code INTERRUPTED} only), else 0
 * @param framesPlayed 20 ms frames sent
 * @param error     why it failed ({@code FAILED} only)
 */
public record PlayResult(Outcome outcome, char digit, long framesPlayed, String error) {

    public enum Outcome { COMPLETED, INTERRUPTED, STOPPED, FAILED }

    public static PlayResult completed(long frames) {
        return new PlayResult(Outcome.COMPLETED, (char) 0, frames, null);
    }

    public static PlayResult interrupted(char digit, long frames) {
        return new PlayResult(Outcome.INTERRUPTED, digit, frames, null);
    }

    public static PlayResult stopped(long frames) {
        return new PlayResult(Outcome.STOPPED, (char) 0, frames, null);
    }

    public static PlayResult failed(String error) {
        return new PlayResult(Outcome.FAILED, (char) 0, 0, error);
    }
}
