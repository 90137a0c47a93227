package org.opendialer.sip.transport;

import gov.nist.javax.sip.header.HeaderFactoryExt;
import java.text.ParseException;
import javax.sip.address.Address;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;
import org.opendialer.sip.TrunkConfig;

/**
 * Caller ID on an outbound INVITE: From user and display name, P-Asserted-Identity (RFC 3325, on trunks configured
 * with {@code assertedIdentity}: the trusted ones) and Privacy (RFC 3323) per trunk. Headers are built from
 * JAIN-SIP addresses, the name escaped by {@link DisplayName}, never written as text.
 */
final class CallerIdentity {

    private CallerIdentity() { }

    /** The From user for a call: "anonymous" under privacy, else the requested caller, the trunk's, or "dialer". */
    static String fromUser(TrunkConfig trunk, String requested) {
        if (trunk != null && trunk.privacy().equals("id")) {
            return "anonymous";
        }
        return number(trunk, requested).isEmpty() ? "dialer" : number(trunk, requested);
    }

    static void apply(SipContext ctx, Request invite, Target target, String requested, String name)
            throws ParseException {
        TrunkConfig trunk = target.trunk() == null ? null : target.trunk().config();
        boolean hidden = trunk != null && trunk.privacy().equals("id");
        String display = hidden ? "" : DisplayName.escaped(name);
        if (!display.isEmpty()) {
            ((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress().setDisplayName(display);
        }
        if (trunk == null) {
            return;
        }
        String number = number(trunk, requested);
        if (trunk.assertedIdentity() && !number.isEmpty()) {
            Address asserted = ctx.addresses.createAddress(ctx.addresses.createSipURI(number, ctx.host));
            if (!display.isEmpty()) {
                asserted.setDisplayName(display);
            }
            invite.addHeader(((HeaderFactoryExt) ctx.headers).createPAssertedIdentityHeader(asserted));
        }
        if (trunk.privacy().equals("id")) {
            invite.addHeader(ctx.headers.createHeader("Privacy", "id"));
        }
    }

    private static String number(TrunkConfig trunk, String requested) {
        if (requested != null && !requested.isBlank()) {
            return requested.replaceAll("[^+0-9*#]", "");
        }
        return trunk == null ? "" : trunk.callerId();
    }
}
