package org.opendialer.ivr.flow;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One finding of {@link FlowParser} or {@link FlowValidator}.
 *
 * @param pointer JSON pointer (RFC 6901) into the document: the node, or the node's field, at fault
 */
public record FlowIssue(Severity severity, Code code, String pointer, String message) {

    public enum Severity { ERROR, WARNING }

    /** What is wrong; the API shows it in its one enum casing ({@code unreachableNode}). */
    public enum Code {
        SYNTAX, MISSING_FIELD, INVALID_FIELD, UNKNOWN_FIELD, UNKNOWN_NODE_TYPE, UNKNOWN_NODE, UNREACHABLE_NODE,
        UNDEFINED_VARIABLE, MISSING_BRANCH, LOOP_WITHOUT_EXIT, TOO_MANY_SKILLS, UNKNOWN_QUEUE, UNKNOWN_ACTION, UNKNOWN_FLOW;

        private static final Pattern WORD_START = Pattern.compile("_([a-z])");

        public String slug() {
            String lower = name().toLowerCase(Locale.ROOT);
            return WORD_START.matcher(lower).replaceAll(m -> m.group(1).toUpperCase(Locale.ROOT));
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
