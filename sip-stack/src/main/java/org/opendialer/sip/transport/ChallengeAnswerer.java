package org.opendialer.sip.transport;

import gov.nist.javax.sip.SipStackExt;
import gov.nist.javax.sip.clientauthutils.AccountManager;
import gov.nist.javax.sip.clientauthutils.AuthenticationHelper;
import gov.nist.javax.sip.clientauthutils.UserCredentials;
import javax.sip.ClientTransaction;
import javax.sip.SipProvider;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Response;
import org.opendialer.sip.TrunkConfig;

/** Answers a trunk's 401/407 digest challenge (RFC 3261 §22.2) with that trunk's credentials, via JAIN-SIP's helper. */
final class ChallengeAnswerer {

    private final AuthenticationHelper helper;
    private final SipProvider provider;

    ChallengeAnswerer(SipStackExt stack, HeaderFactory headers, SipProvider provider) {
        AccountManager accounts = (ct, realm) -> credentials((Target) ct.getApplicationData(), realm);
        this.helper = stack.getAuthenticationHelper(accounts, headers);
        this.provider = provider;
    }

    boolean canAnswer(Target target) {
        return target.trunk() != null && !target.trunk().config().username().isEmpty();
    }

    /** A new client transaction carrying the Authorization header; the caller sends it. */
    ClientTransaction answer(Response challenge, ClientTransaction challenged) throws Exception {
        return helper.handleChallenge(challenge, challenged, provider, 5);
    }

    private static UserCredentials credentials(Target target, String realm) {
        TrunkConfig trunk = target.trunk().config();
        return new UserCredentials() {
            @Override
            public String getUserName() {
                return trunk.username();
            }

            @Override
            public String getPassword() {
                return trunk.password();
            }

            @Override
            public String getSipDomain() {
                return realm;
            }
        };
    }
}
