package org.opendialer.notifications.voice;

/**
 * What a key pressed after a notification's human message means: 1 confirms, 2 cancels, 9 opts the number out of
 * further calls, and each gets its goodbye. One table, so that the call flow only carries the actions out.
 */
final class KeyActions {

    private KeyActions() {
    }

    /** Whether the key puts the number on the do-not-call list. */
    static boolean optsOut(char key) {
        return key == '9';
    }

    /** What the caller hears before the call ends. */
    static String goodbye(char key) {
        return switch (key) {
            case '9' -> "You will not receive these calls any more. Goodbye.";
            case '1' -> "Thank you, it is confirmed. Goodbye.";
            case '2' -> "Thank you, it is cancelled. Goodbye.";
            default -> "Thank you. Goodbye.";
        };
    }
}
