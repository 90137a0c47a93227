package org.opendialer.notifications.voice;

import java.util.Map;
import java.util.TreeMap;

/**
 * The keys a notification offers after its human message. A request may define its own ({@code human.keys});
 * without them these defaults apply: 1 confirms, 2 cancels, 9 opts the number out, each with its English goodbye.
 * A key the table does not name still ends the call politely ({@link #OTHER}).
 */
final class KeyActions {

    static final Map<String, KeyAction> DEFAULTS = Map.of(
            "1", new KeyAction(KeyAction.Kind.CONFIRM, "Thank you, it is confirmed. Goodbye.", null),
            "2", new KeyAction(KeyAction.Kind.CANCEL, "Thank you, it is cancelled. Goodbye.", null),
            "9", new KeyAction(KeyAction.Kind.OPT_OUT, "You will not receive these calls any more. Goodbye.", null));

    /** Goodbye for a key the table does not name. */
    static final String OTHER = "Thank you. Goodbye.";

    private static final String DTMF = "0123456789*#ABCD";

    private KeyActions() {
    }

    /** The request's keys, checked (one DTMF character each, letters upper-case). */
    static Map<String, KeyAction> checked(Map<String, KeyAction> keys) {
        Map<String, KeyAction> sorted = new TreeMap<>();
        keys.forEach((key, action) -> {
            if (key == null || key.length() != 1 || DTMF.indexOf(Character.toUpperCase(key.charAt(0))) < 0) {
                throw new IllegalArgumentException("human.keys: '" + key + "' is not one DTMF key (0-9, *, #, A-D)");
            }
            if (action == null) {
                throw new IllegalArgumentException("human.keys: key " + key + " needs an action");
            }
            sorted.put(key.toUpperCase(java.util.Locale.ROOT), action);
        });
        return Map.copyOf(sorted);
    }
}
