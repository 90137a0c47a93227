package org.opendialer.ivr.data;

import java.util.Map;

/** How a data action ended; the flow takes the node's success, notFound or failure branch accordingly. */
public sealed interface DataActionResult {

    /** The service answered with a record; {@code outputs} by output name (a value may be null). */
    record Success(Map<String, Object> outputs) implements DataActionResult {
        public Success {
            outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
        }
    }

    /** The service answered, with no record (an empty search, or a 404). */
    record NotFound(String detail) implements DataActionResult {
    }

    /** No usable answer; the caller goes on by the failure branch. */
    record Failure(Reason reason, String detail) implements DataActionResult {
    }

    enum Reason {
        /** The time budget passed first. */
        TIMEOUT,
        /** The circuit breaker is open after recent failures: the service was not asked. */
        CIRCUIT_OPEN,
        /** An input did not match its pattern: the service was not asked. */
        BAD_INPUT,
        /** The service (or its token endpoint) answered with an error status. */
        HTTP_STATUS,
        /** The answer was not JSON, or the connection failed. */
        BAD_RESPONSE
    }
}
