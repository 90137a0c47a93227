package org.opendialer.ivr.flow;

import java.util.List;

/** Why {@link FlowStore} refused a change; the API maps each kind to its status. */
public final class FlowStoreException extends RuntimeException {

    public enum Kind {
        /** The document has errors ({@link #issues()} lists them). */
        INVALID,
        /** No such flow, version or route. */
        NOT_FOUND,
        /** The name is taken, the revision is stale, or a DID still routes to the flow. */
        CONFLICT
    }

    private final Kind kind;
    private final List<FlowIssue> issues;

    public FlowStoreException(Kind kind, String message, List<FlowIssue> issues) {
        super(message);
        this.kind = kind;
        this.issues = List.copyOf(issues);
    }

    public FlowStoreException(Kind kind, String message) {
        this(kind, message, List.of());
    }

    public Kind kind() {
        return kind;
    }

    public List<FlowIssue> issues() {
        return issues;
    }
}
