package org.opendialer.ivr.flow;

/**
 * One finding of {@link FlowParser} or {@link FlowValidator}.
 *
 * @param pointer JSON pointer (RFC 6901) into the document: the node, or the node's field, at fault
 */
public record FlowIssue(Severity severity, Code code, String pointer, String message) {

    public enum Severity { ERROR, WARNING }

    /** What is wrong; the API shows the lower-case, dashed form ({@code unreachable-node}). */
    public enum Code {
        SYNTAX, MISSING_FIELD, INVALID_FIELD, UNKNOWN_FIELD, UNKNOWN_NODE_TYPE, UNKNOWN_NODE, UNREACHABLE_NODE,
        UNDEFINED_VARIABLE, MISSING_BRANCH, LOOP_WITHOUT_EXIT, TOO_MANY_SKILLS, UNKNOWN_QUEUE, UNKNOWN_ACTION, UNKNOWN_FLOW;

        public String slug() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public static FlowIssue error(Code code, String pointer, String message) {
        return new FlowIssue(Severity.ERROR, code, pointer, message);
    }

    public static FlowIssue warning(Code code, String pointer, String message) {
        return new FlowIssue(Severity.WARNING, code, pointer, message);
    }

    /** RFC 6901 escaping of one reference token. */
    public static String token(String s) {
        return s.replace("~", "~0").replace("/", "~1");
    }
}
