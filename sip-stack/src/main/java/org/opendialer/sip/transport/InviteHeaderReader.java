package org.opendialer.sip.transport;

import gov.nist.javax.sip.header.SIPHeader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Map;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.message.Request;
import org.opendialer.sip.InboundHeaders;

/** Reads what {@link InboundHeaders} reports from an INVITE, so no JAIN-SIP type reaches the upper layers. */
final class InviteHeaderReader {

    static final String P_ASSERTED_IDENTITY = "P-Asserted-Identity";
    static final String DIVERSION = "Diversion";

    private InviteHeaderReader() {
    }

    static InboundHeaders read(Request invite) {
        String display = ((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress().getDisplayName();
        Map<String, List<String>> extra = new LinkedHashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        ListIterator<?> names = invite.getHeaderNames(); // one entry per header line: repeats a repeated name
        while (names.hasNext()) {
            String name = (String) names.next();
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-") && seen.add(lower)) {
                // not split at commas: an X- header's syntax is private to whoever sends it
                extra.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values(invite, name, false));
            }
        }
        return new InboundHeaders(display == null ? "" : display, values(invite, P_ASSERTED_IDENTITY, true),
                values(invite, DIVERSION, true), extra);
    }

    /** Every value of a header over all its lines; {@code list} splits a line at commas outside quotes and {@code <>}. */
    private static List<String> values(Request request, String name, boolean list) {
        List<String> out = new ArrayList<>();
        ListIterator<?> headers = request.getHeaders(name);
        while (headers.hasNext()) {
            Header h = (Header) headers.next();
            String value = h instanceof SIPHeader sip ? sip.getHeaderValue()
                    : h.toString().substring(h.toString().indexOf(':') + 1);
            if (list) {
                out.addAll(splitList(value));
            } else {
                out.add(value.trim());
            }
        }
        return out;
    }

    static List<String> splitList(String value) {
        List<String> out = new ArrayList<>();
        boolean quoted = false;
        int angle = 0;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' && (i == 0 || value.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && c == '<') {
                angle++;
            } else if (!quoted && c == '>' && angle > 0) {
                angle--;
            } else if (!quoted && angle == 0 && c == ',') {
                addTrimmed(out, value.substring(start, i));
                start = i + 1;
            }
        }
        addTrimmed(out, value.substring(start));
        return out;
    }

    private static void addTrimmed(List<String> out, String part) {
        String t = part.trim();
        if (!t.isEmpty()) {
            out.add(t);
        }
    }
}
