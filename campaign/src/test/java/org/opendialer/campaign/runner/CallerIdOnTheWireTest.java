package org.opendialer.campaign.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendialer.campaign.runner.AgentlessRunnerTest.await;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.opendialer.campaign.rules.RuleSet;
import org.opendialer.campaign.rules.RuleSets;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.campaign.settings.CampaignStatus;
import org.opendialer.contacts.lists.ContactList;
import org.opendialer.sip.Sipp;

/**
 * The campaign's caller ID name and number as a real SIP peer (SIPp) receives them: the From display name, quotes
 * escaped as quoted-pairs and non-ASCII sent as UTF-8, and P-Asserted-Identity with the same name on a trunk that
 * asserts identity; a pre-call rule's "set caller ID" replaces the number for its contact only.
 */
class CallerIdOnTheWireTest {

    final Fixture f = new Fixture();
    final AttemptStore attempts = new AttemptStore(f.ds);

    @Test
    void theInviteCarriesTheEscapedNameInFromAndAssertedIdentityAndARuleWinsPerContact() throws Exception {
        try (Sipp carrier = Sipp.uas("uas-busy.xml", 2);
             Rig rig = new Rig(Rig.trunk("carrier", carrier.port, "main"))) {
            ContactList list = f.list("plain,+12015550121,,", "vip,+12015550122,,");
            RuleSet vip = new RuleSets(f.ds).create(RuleSet.draft("vip " + UUID.randomUUID(), List.of(
                    RuleSetsTest.pre("vip number", "id", "vip", RuleSetsTest.act(RuleSet.ActionType.SET_CALLER_ID, "+15559990000", null)))));
            Campaign c = f.campaign(list, s -> Fixture.with(s, n -> {
                n.put("trunkGroup", "main").put("callerIdName", "Café \"Ü\" \\ 1").put("callerIdAddress", "+15550002222");
                return n.putArray("ruleSetIds").add(vip.id().toString());
            }));
            f.campaigns.moveTo(c.id(), CampaignStatus.ON);
            VoiceCampaignRunner runner = new VoiceCampaignRunner(f.ds, f.ledger, rig.sessions, LiveAnswerFlows.NONE,
                    Clock.systemUTC(), AgentlessRunnerTest.node());
            try {
                runner.tick();
                await("both calls settled", () -> attempts.page(c.id(), 10, 1).items().stream().filter(a -> a.result() != null).count() == 2);
            } finally {
                runner.close();
            }
            assertThat(carrier.await(20)).as(carrier.errors()).isZero();
            String wire = carrier.messages();
            String name = "\"Café \\\"Ü\\\" \\\\ 1\"";
            assertThat(headers(wire, "From")).as(wire).containsExactlyInAnyOrder(
                    name + " <sip:+15550002222@127.0.0.1>", name + " <sip:+15559990000@127.0.0.1>");
            assertThat(headers(wire, "P-Asserted-Identity")).as(wire).containsExactlyInAnyOrder(
                    name + " <sip:+15550002222@127.0.0.1>", name + " <sip:+15559990000@127.0.0.1>");
        }
    }

    /** Values of a header in the INVITEs SIPp received, without tags. */
    static List<String> headers(String wire, String header) {
        List<String> out = new java.util.ArrayList<>();
        for (String message : wire.split("(?m)^-{10,}.*$")) {
            if (!message.contains("INVITE sip:")) {
                continue;
            }
            Matcher m = Pattern.compile("(?m)^" + Pattern.quote(header) + ": (.*?)(;tag=[^\\r\\n]*)?\\r?$").matcher(message);
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }
}
