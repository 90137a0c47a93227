package org.opendialer.ivr.flow;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A flow as stored: its draft document and, once published, the version new calls run.
 *
 * @param revision  +1 on each change of the draft or of what is published (the API's {@code version})
 * @param published the version new calls start with, or null before the first publish
 * @param warnings  what the validator warned about in the draft (unknown queues, ...); never errors
 */
public record StoredFlow(UUID id, String name, String description, String draft, int revision, Instant created,
                         Instant modified, FlowVersion published, List<FlowIssue> warnings) {

    public StoredFlow {
        warnings = List.copyOf(warnings);
    }

    /** True when the draft is the document of the published version (nothing to publish). */
    public boolean draftPublished() {
        return published != null && published.document().equals(draft);
    }
}
