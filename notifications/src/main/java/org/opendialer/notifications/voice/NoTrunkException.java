package org.opendialer.notifications.voice;

/** No trunk can carry the call: its trunk group names no configured trunk (or "" and there is no trunk at all). */
public final class NoTrunkException extends RuntimeException {

    private final String group;

    public NoTrunkException(String group) {
        super(group.isEmpty() ? "no trunk is configured (sip.trunks is empty), so the call cannot be dialled"
                : "no trunk in group '" + group + "' is configured (sip.trunks[].group); the call cannot be dialled");
        this.group = group;
    }

    /** The trunk group asked for; "" = any trunk. */
    public String group() {
        return group;
    }
}
