package org.opendialer.ivr.flow;

import java.time.Instant;
import java.util.UUID;

/** A published, frozen version of a flow; its id is what a running call pins. */
public record FlowVersion(UUID id, UUID flowId, int number, String document, Instant published) {

    /** The parsed document (it validated when published, so it parses). */
    public Flow flow() {
        return FlowParser.parse(document).flow();
    }
}
