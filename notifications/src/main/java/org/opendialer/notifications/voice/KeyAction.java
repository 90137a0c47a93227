package org.opendialer.notifications.voice;

import java.util.Locale;

/**
 * What one key pressed after a notification's human message does, and what the caller hears before it.
 *
 * @param kind    the action
 * @param goodbye said before the call ends (or, for {@link Kind#AGENT}, before the transfer; may be empty then)
 * @param to      {@link Kind#AGENT} only: the number the call is transferred to, over the call's trunk group
 */
public record KeyAction(Kind kind, String goodbye, String to) {

    /** The actions a request may name, with their names in the request's JSON. */
    public enum Kind {
        /** The callee confirms (e.g. an appointment). */
        CONFIRM("confirm"),
        /** The callee cancels. */
        CANCEL("cancel"),
        /** The number goes on the do-not-call list. */
        OPT_OUT("optOut"),
        /** The call is transferred to a person at {@code to}. */
        AGENT("agent");

        private final String json;

        Kind(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }

        static Kind of(String name) {
            for (Kind k : values()) {
                if (k.json.equalsIgnoreCase(name)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown action '" + name + "' (confirm, cancel, optOut or agent)");
        }
    }

    public KeyAction {
        if (kind == null) {
            throw new IllegalArgumentException("action: must be given");
        }
        goodbye = goodbye == null ? "" : goodbye.strip();
        to = to == null ? "" : to.strip();
        if (goodbye.length() > 500) {
            throw new IllegalArgumentException("goodbye: at most 500 characters");
        }
        if (kind != Kind.AGENT && goodbye.isEmpty()) {
            throw new IllegalArgumentException("goodbye: must not be empty for " + kind.json());
        }
        if (kind == Kind.AGENT && to.isEmpty()) {
            throw new IllegalArgumentException("to: an agent key needs the number to transfer to");
        }
        if (kind != Kind.AGENT && !to.isEmpty()) {
            throw new IllegalArgumentException("to: only an agent key transfers");
        }
    }

    /** From the request's JSON names, e.g. {@code of("optOut", "Goodbye.", null)}. */
    public static KeyAction of(String action, String goodbye, String to) {
        return new KeyAction(Kind.of(action == null ? "" : action.toLowerCase(Locale.ROOT)), goodbye, to);
    }
}
