package org.opendialer.ivr.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opendialer.ivr.flow.FlowIssue.Code;

/**
 * Reads the fields of one node of a document, recording a precise issue (with its JSON pointer) for each missing or
 * ill-typed field and, at {@link #finish}, for each field no reader asked for (a misspelt {@code nxet}).
 */
final class NodeFields {

    private final JsonNode node;
    private final String pointer;
    private final List<FlowIssue> issues;
    private final Set<String> read = new LinkedHashSet<>(Set.of("type"));

    NodeFields(JsonNode node, String pointer, List<FlowIssue> issues) {
        this.node = node;
        this.pointer = pointer;
        this.issues = issues;
    }

    String at(String field) {
        return pointer + "/" + FlowIssue.token(field);
    }

    /** A required text: absent or null is a missing field (an ill-typed one is already reported as invalid). */
    String text(String field) {
        String v = optionalText(field);
        if (v == null && (node.get(field) == null || node.get(field).isNull())) {
            issues.add(FlowIssue.error(Code.MISSING_FIELD, at(field), "'" + field + "' is required"));
        }
        return v;
    }

    String optionalText(String field) {
        read.add(field);
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            issues.add(FlowIssue.error(Code.INVALID_FIELD, at(field), "'" + field + "' must be a text"));
            return null;
        }
        return v.asText();
    }

    /** A branch target: left to the validator to report when absent (as a missing branch). */
    String target(String field) {
        return optionalText(field);
    }

    int integer(String field, int absent, int min, int max) {
        read.add(field);
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
            issues.add(FlowIssue.error(Code.INVALID_FIELD, at(field), "'" + field + "' must be a whole number from "
                    + min + " to " + max));
            return absent;
        }
        return v.asInt();
    }

    Duration millis(String field, long absentMs) {
        return Duration.ofMillis(integer(field, (int) absentMs, 1, 600_000));
    }

    Map<String, String> map(String field, boolean required) {
        read.add(field);
        JsonNode v = node.get(field);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            if (required) {
                issues.add(FlowIssue.error(Code.MISSING_FIELD, at(field), "'" + field + "' is required"));
            }
            return out;
        }
        if (!v.isObject()) {
            issues.add(FlowIssue.error(Code.INVALID_FIELD, at(field), "'" + field + "' must be a map"));
            return out;
        }
        v.properties().forEach(e -> out.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        return out;
    }

    List<String> list(String field) {
        read.add(field);
        JsonNode v = node.get(field);
        List<String> out = new ArrayList<>();
        if (v == null || !v.isArray()) {
            issues.add(FlowIssue.error(v == null ? Code.MISSING_FIELD : Code.INVALID_FIELD, at(field),
                    "'" + field + "' must be a list"));
            return out;
        }
        v.forEach(e -> out.add(e.asText()));
        return out;
    }

    JsonNode raw(String field) {
        read.add(field);
        return node.get(field);
    }

    void finish() {
        node.fieldNames().forEachRemaining(f -> {
            if (!read.contains(f)) {
                issues.add(FlowIssue.error(Code.UNKNOWN_FIELD, at(f), "unknown field '" + f + "' for this node type"));
            }
        });
    }
}
