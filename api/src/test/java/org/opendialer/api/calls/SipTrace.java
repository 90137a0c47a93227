package org.opendialer.api.calls;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads SIP requests out of captured text (SIPp's message trace, UDP datagrams): who was dialled, how often. */
final class SipTrace {

    private static final Pattern INVITE = Pattern.compile("(?m)^INVITE sip:([^@;> ]+)[^\\n]*\\n((?:[^\\n]+\\n)*?)\\r?\\n");
    private static final Pattern CALL_ID = Pattern.compile("(?im)^(?:Call-ID|i)\\s*:\\s*(\\S+)");

    private SipTrace() {
    }

    /** Call-IDs of the INVITEs in {@code text} whose request URI's user part ends with {@code number}. */
    static Set<String> invitesTo(String text, String number) {
        Set<String> ids = new LinkedHashSet<>();
        Matcher m = INVITE.matcher(text.replace("\r\n", "\n"));
        while (m.find()) {
            if (m.group(1).endsWith(number)) {
                Matcher id = CALL_ID.matcher(m.group(2));
                if (id.find()) {
                    ids.add(id.group(1));
                }
            }
        }
        return ids;
    }
}
