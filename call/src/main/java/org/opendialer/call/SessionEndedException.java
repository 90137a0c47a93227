package org.opendialer.call;

/** A session ended before what was awaited happened (answer, AMD decision, transfer). */
public final class SessionEndedException extends RuntimeException {

    private final transient SessionEvent.Ended ended;

    SessionEndedException(SessionEvent.Ended ended) {
        super("call " + ended.callId() + " ended: " + ended.disposition() + " (Q.850 " + ended.q850() + ", "
                + ended.reason() + ")");
        this.ended = ended;
    }

    public SessionEvent.Ended ended() {
        return ended;
    }
}
