package org.opendialer.sip.transport;

import java.text.ParseException;
import javax.sip.message.Request;
import org.opendialer.sip.TrunkConfig;

/** Caller ID on an outbound INVITE: From user, P-Asserted-Identity (RFC 3325) and Privacy (RFC 3323) per trunk. */
final class CallerIdentity {

    private CallerIdentity() { }

    /** The From user for a call: "anonymous" under privacy, else the requested caller, the trunk's, or "dialer". */
    static String fromUser(TrunkConfig trunk, String requested) {
        if (trunk != null && trunk.privacy().equals("id")) {
            return "anonymous";
        }
        return number(trunk, requested).isEmpty() ? "dialer" : number(trunk, requested);
    }

    static void apply(SipContext ctx, Request invite, Target target, String requested) throws ParseException {
        TrunkConfig trunk = target.trunk() == null ? null : target.trunk().config();
        if (trunk == null) {
            return;
        }
        String number = number(trunk, requested);
        if (trunk.assertedIdentity() && !number.isEmpty()) {
            invite.addHeader(ctx.headers.createHeader("P-Asserted-Identity", "<sip:" + number + "@" + ctx.host + ">"));
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
