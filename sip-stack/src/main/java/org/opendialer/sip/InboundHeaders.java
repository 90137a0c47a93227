package org.opendialer.sip;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an inbound INVITE says about the call beyond the numbers, for flows, routing and agents' screens. Values are
 * as the caller sent them (no unescaping, no validation): they are claims of the sending trunk, not verified.
 *
 * @param displayName        the From display name, empty when none
 * @param assertedIdentities every P-Asserted-Identity value (RFC 3325), in order, e.g. {@code "Jane" <sip:+1...@x>}
 * @param diversions         every Diversion value (RFC 5806), in order (the most recent redirection first)
 * @param extra              every {@code X-} header by name (looked up case-insensitively), its values in order
 */
public record InboundHeaders(String displayName, List<String> assertedIdentities, List<String> diversions,
                             Map<String, List<String>> extra) {

    public static final InboundHeaders NONE = new InboundHeaders("", List.of(), List.of(), Map.of());

    public InboundHeaders {
        assertedIdentities = List.copyOf(assertedIdentities);
        diversions = List.copyOf(diversions);
        TreeMap<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        extra.forEach((name, values) -> byName.merge(name, List.copyOf(values),
                (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList()));
        extra = Collections.unmodifiableMap(byName);
    }

    /** Values of one {@code X-} header, empty when absent; {@code name} in any case. */
    public List<String> extra(String name) {
        return extra.getOrDefault(name, List.of());
    }
}
