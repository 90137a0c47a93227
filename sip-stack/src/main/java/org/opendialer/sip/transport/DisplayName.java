package org.opendialer.sip.transport;

/**
 * A caller name made safe for a SIP display name. JAIN-SIP's {@code AddressImpl} puts the name between double quotes
 * as given and escapes nothing, so a {@code "} or {@code \} in a name would end the quoted-string early. This turns
 * them into quoted-pairs (RFC 3261 section 25.1: {@code quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)}), drops
 * control characters (CR and LF can never be escaped; they would split the header) and keeps non-ASCII text as
 * UTF-8 (qdtext allows UTF8-NONASCII).
 */
final class DisplayName {

    /** Longer names are cut: carriers show about 15 characters (CNAM) and some refuse long headers. */
    static final int MAX_CHARS = 100;

    private DisplayName() { }

    /** The quoted-string's content for {@code name} (without the surrounding quotes); empty when nothing is left. */
    static String escaped(String name) {
        if (name == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(name.length() + 4);
        name.strip().codePoints().limit(MAX_CHARS).forEach(cp -> {
            if (cp == '"' || cp == '\\') {
                out.append('\\').appendCodePoint(cp);
            } else if (!Character.isISOControl(cp)) {
                out.appendCodePoint(cp);
            }
        });
        return out.toString().strip();
    }
}
