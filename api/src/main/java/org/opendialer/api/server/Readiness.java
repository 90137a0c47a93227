package org.opendialer.api.server;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.opendialer.api.http.HealthApi;
import org.opendialer.notifications.messaging.Messaging;
import org.opendialer.sip.SipServer;
import org.opendialer.sip.trunk.TrunkStatus;

/**
 * What {@code /health/ready} checks besides the database: each trunk group (up while at least one of its trunks
 * answers its keep-alive), the SMPP bind when SMS is enabled and the SMTP relay when outbound email is.
 */
final class Readiness {

    private Readiness() {
    }

    static List<HealthApi.Check> checks(SipServer sip, Messaging messaging) {
        List<HealthApi.Check> checks = new ArrayList<>();
        Set<String> groups = new LinkedHashSet<>();
        sip.trunks().forEach(t -> groups.add(t.group()));
        for (String group : groups) {
            checks.add(new HealthApi.Check("trunkGroup." + group,
                    () -> sip.trunks().stream().filter(t -> t.group().equals(group)).anyMatch(TrunkStatus::up)));
        }
        if (messaging.config().sms().enabled()) {
            checks.add(new HealthApi.Check("smpp", () -> messaging.sms().isBound()));
        }
        if (messaging.config().email().enabled()) {
            checks.add(new HealthApi.Check("smtp", () -> messaging.email().relayReachable()));
        }
        return checks;
    }
}
