package org.opendialer.sip.transport;

import java.util.List;
import javax.sip.address.SipURI;
import org.jitsi.utils.logging2.Logger;
import org.opendialer.sip.OriginateRequest;
import org.opendialer.sip.TrunkConfig;
import org.opendialer.sip.trunk.NumberNormalizer;
import org.opendialer.sip.trunk.TrunkState;

/** Turns an originate request into the ordered places to try: trunks of its group, or an agent's contacts. */
final class TargetPlanner {

    private final SipContext ctx;
    private final Logger log;

    TargetPlanner(SipContext ctx, Logger log) {
        this.ctx = ctx;
        this.log = log;
    }

    /** Targets over the trunks of the requested group, numbers normalised per trunk region; null or a problem. */
    String trunkTargets(OriginateRequest request, List<TrunkState> trunks, List<Target> out) {
        String problem = "no trunk in group '" + request.trunkGroup() + "'";
        for (TrunkState t : trunks) {
            TrunkConfig c = t.config();
            if (!request.trunkGroup().isEmpty() && !c.group().equals(request.trunkGroup())) {
                continue;
            }
            try {
                String e164 = NumberNormalizer.toE164(request.to(), c.defaultRegion());
                SipURI uri = ctx.addresses.createSipURI(e164, c.host());
                uri.setPort(c.port());
                if (!c.transport().equals("udp")) {
                    uri.setTransportParam(c.transport());
                }
                out.add(new Target(t, uri, c.transport(), c.outboundProxy(),
                        CallerIdentity.fromUser(c, request.from()), t.name()));
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            } catch (java.text.ParseException e) {
                problem = "cannot address " + request.to() + " on " + c.name() + ": " + e.getMessage();
            }
        }
        return out.isEmpty() ? problem : null;
    }

    String agentTargets(OriginateRequest request, List<Registrar.Binding> bindings, List<Target> out) {
        for (Registrar.Binding b : bindings) {
            try {
                SipURI uri = (SipURI) ctx.addresses.createURI(b.contact());
                if (!b.sourceHost().equals(uri.getHost())) {
                    // Behind NAT the contact names a private address: reach the phone where its REGISTER came from.
                    uri.setHost(b.sourceHost());
                    uri.setPort(b.sourcePort());
                }
                String from = request.from().isEmpty() ? "dialer" : request.from();
                out.add(new Target(null, uri, b.transport(), "", from, "agent:" + request.to()));
            } catch (java.text.ParseException e) {
                log.warn("unusable contact " + b.contact() + ": " + e.getMessage());
            }
        }
        return out.isEmpty() ? "agent " + request.to() + " has no registered phone" : null;
    }
}
