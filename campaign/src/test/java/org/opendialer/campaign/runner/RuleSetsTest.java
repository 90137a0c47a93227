package org.opendialer.campaign.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opendialer.campaign.rules.RuleSet;
import org.opendialer.campaign.rules.RuleSets;
import org.opendialer.campaign.rules.WrapUp;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.campaign.settings.CampaignSettings;
import org.opendialer.campaign.settings.CampaignStore;
import org.opendialer.campaign.settings.ResultKind;
import org.opendialer.contacts.consent.ContactChannel;
import org.opendialer.contacts.lists.ContactList;
import org.opendialer.contacts.lists.ContactListStore;
import org.opendialer.store.testing.ManualClock;

/** Pre-call rules on the contact's columns and wrap-up rules on a result, through the claim and the store. */
class RuleSetsTest {

    final Fixture f = new Fixture();
    final ManualClock clock = new ManualClock(ComplianceTest.T0);
    final AttemptStore attempts = new AttemptStore(f.ds);
    final ContactClaims claims = new ContactClaims(f.ds);
    final Gates gates = new Gates(f.ds, f.ledger, attempts, clock);
    final RuleSets sets = new RuleSets(f.ds);

    static RuleSet.Rule pre(String name, String column, String value, RuleSet.Action... actions) {
        return new RuleSet.Rule(name, RuleSet.Category.PRE_CALL, List.of(new CampaignSettings.Filter(column,
                CampaignSettings.Filter.Operator.EQUALS, value)), null, List.of(actions));
    }

    static RuleSet.Action act(RuleSet.ActionType type, String value, String column) {
        return new RuleSet.Action(type, value, column, null);
    }

    @Test
    void preCallRulesSkipRetireUseAnotherColumnAndSetTheCallerIdButNeverBypassDnc() {
        String dncd = ComplianceTest.rnd();
        f.ledger.add(ContactChannel.PHONE, dncd, org.opendialer.contacts.consent.ConsentSource.API, "test");
        ContactList list = f.list("skip,+12015570001,,", "gone,+12015570002,,", "alt,+12015570003,+12015570004,",
                "vip,+12015570005,,", "blocked,+12015570006," + dncd + ",");
        RuleSet set = sets.create(RuleSet.draft("rules " + UUID.randomUUID(), List.of(
                pre("a", "id", "skip", act(RuleSet.ActionType.SKIP, null, null)),
                pre("b", "id", "gone", act(RuleSet.ActionType.MARK_UNCALLABLE, null, null)),
                pre("c", "id", "alt", act(RuleSet.ActionType.USE_PHONE_COLUMN, null, "phone2")),
                pre("d", "id", "vip", act(RuleSet.ActionType.SET_CALLER_ID, "+15559990000", null)),
                pre("e", "id", "blocked", act(RuleSet.ActionType.USE_PHONE_COLUMN, null, "phone2")))));
        Campaign c = f.campaign(list, s -> Fixture.with(s, n -> n.putArray("ruleSetIds").add(set.id().toString())));

        List<ContactClaims.Claim> got = claims.claim(c, gates.of(c), 10, ComplianceTest.T0, "n1");
        assertThat(got).extracting(cl -> cl.contact().get("id")).containsExactly("alt", "vip");
        assertThat(got.get(0).verdict().number()).isEqualTo("+12015570004");
        assertThat(attempts.page(c.id(), 10, 1).items()).filteredOn(a -> a.contactId().equals(f.idOf(list, "vip")))
                .singleElement().satisfies(a -> assertThat(a.callerId()).isEqualTo("Acme <+15559990000>"));
        Decisions log = new Decisions(f.ds);
        assertThat(log.page(c.id(), f.idOf(list, "skip"), 5, 1).items()).singleElement()
                .satisfies(d -> assertThat(d.code()).isEqualTo("rule"));
        assertThat(log.page(c.id(), f.idOf(list, "gone"), 5, 1).items()).singleElement()
                .satisfies(d -> assertThat(d.code()).isEqualTo("ruleUncallable"));
        assertThat(log.page(c.id(), f.idOf(list, "blocked"), 5, 1).items()).singleElement()
                .satisfies(d -> assertThat(d.code()).as("a rule never bypasses the DNC check").isEqualTo("dnc"));
        assertThat(claims.pending(c)).as("skip and the in-flight two remain; gone is retired; blocked is DNC").isEqualTo(3);
    }

    @Test
    void wrapUpRulesScheduleACallbackAddToDncAndUpdateAColumn() {
        ContactList list = f.list("w1," + ComplianceTest.rnd() + ",,", "w2," + ComplianceTest.rnd() + ",,");
        RuleSet set = sets.create(RuleSet.draft("wrap " + UUID.randomUUID(), List.of(
                new RuleSet.Rule("cb", RuleSet.Category.WRAP_UP, null, "human", List.of(
                        act(RuleSet.ActionType.SCHEDULE_CALLBACK, "86400", null),
                        act(RuleSet.ActionType.UPDATE_COLUMN, "reached", "tz"))),
                new RuleSet.Rule("dnc", RuleSet.Category.WRAP_UP, null, "busy", List.of(
                        act(RuleSet.ActionType.ADD_TO_DNC, null, null))))));
        Campaign c = f.campaign(list, s -> Fixture.with(s, n -> n.putArray("ruleSetIds").add(set.id().toString())));
        List<ContactClaims.Claim> got = claims.claim(c, gates.of(c), 10, ComplianceTest.T0, "n1");
        WrapUp wrap = new WrapUp(f.ds, f.ledger);
        for (ContactClaims.Claim cl : got) {
            ResultKind r = cl.contact().get("id").equals("w1") ? ResultKind.HUMAN : ResultKind.BUSY;
            assertThat(attempts.finish(cl.attemptId(), ComplianceTest.outcome(r))).isTrue();
            wrap.apply(List.of(set), r.wire(), list.id(), cl.contact().contactId(), cl.verdict().number(), clock.instant());
        }
        String busyNumber = got.stream().filter(cl -> cl.contact().get("id").equals("w2")).findFirst().orElseThrow().verdict().number();
        assertThat(f.ledger.isBlocked(ContactChannel.PHONE, busyNumber)).isTrue();
        assertThat(new ContactListStore(f.ds, f.addresses).contact(list.id(), f.idOf(list, "w1")).orElseThrow().get("tz"))
                .isEqualTo("reached");

        clock.advance(Duration.ofHours(23));
        assertThat(claims.claim(c, gates.of(c), 10, clock.instant(), "n1")).as("before the callback; w2 is DNC now").isEmpty();
        clock.advance(Duration.ofHours(1));
        assertThat(claims.claim(c, gates.of(c), 10, clock.instant(), "n1")).as("a person reached, called back as the rule said")
                .extracting(cl -> cl.contact().get("id")).containsExactly("w1");
    }

    @Test
    void rulesThatCannotWorkAreRefused() {
        assertThatThrownBy(() -> CampaignStore.JSON.readValue("[{\"category\":\"wrapUp\",\"result\":\"maybe\"}]",
                new com.fasterxml.jackson.core.type.TypeReference<List<RuleSet.Rule>>() { })).rootCause().hasMessageContaining("rules.result");
        assertThatThrownBy(() -> new RuleSet.Rule("x", RuleSet.Category.PRE_CALL, null, null,
                List.of(act(RuleSet.ActionType.ADD_TO_DNC, null, null)))).hasMessageContaining("not a PRE_CALL action");
        assertThatThrownBy(() -> act(RuleSet.ActionType.SCHEDULE_CALLBACK, "soon", null)).hasMessageContaining("seconds");
    }
}
