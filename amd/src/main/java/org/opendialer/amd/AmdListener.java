package org.opendialer.amd;

/**
 * Receives detector events. Called synchronously from {@link AmdDetector#onFrame(short[])} on the caller's thread;
 * implementations must not block the media path.
 */
@FunctionalInterface
public interface AmdListener {
    void onEvent(AmdEvent event);
}
