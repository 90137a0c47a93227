package org.opendialer.ivr.flow;

import java.util.Map;
import java.util.Set;

/**
 * A parsed flow document.
 *
 * @param name        unique name of the flow
 * @param description free text, may be empty
 * @param language    BCP 47 tag of the prompts until a set-language node changes it
 * @param inputs      variables the starter provides besides {@link #SYSTEM_VARIABLES} (an outbound campaign's
 *                    contact columns, for example)
 * @param start       id of the first node
 * @param nodes       nodes by id, in document order
 */
public record Flow(String name, String description, String language, Set<String> inputs, String start,
                   Map<String, Node> nodes) {

    /** Variables every running flow has from its first node on. */
    public static final Set<String> SYSTEM_VARIABLES = Set.of("callerNumber", "calledNumber", "callId", "direction");

    public Flow {
        inputs = Set.copyOf(inputs);
        nodes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(nodes));
    }
}
