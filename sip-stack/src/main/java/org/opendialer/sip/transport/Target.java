package org.opendialer.sip.transport;

import javax.sip.address.SipURI;
import org.opendialer.sip.trunk.TrunkState;

/**
 * One place an outbound leg may try, in order: a trunk (with its channel and rate accounting) or, for agent calls,
 * one registered contact ({@code trunk == null}).
 */
record Target(TrunkState trunk, SipURI uri, String transport, String proxy, String fromUser, String label) {

    Target redirectedTo(SipURI contact) {
        return new Target(trunk, contact, transport, proxy, fromUser, label + " (redirected)");
    }
}
