package org.opendialer.campaign.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opendialer.campaign.pacing.DialingMode;

/** The settings' defaults, their refused values, their JSON (the API's body), and the status table. */
class CampaignSettingsTest {

    static final UUID LIST = UUID.randomUUID();

    static CampaignSettings read(String json) throws Exception {
        return CampaignStore.JSON.readValue(json, CampaignSettings.class);
    }

    @Test
    void absentValuesTakeTheDocumentedDefaults() throws Exception {
        CampaignSettings s = read("{\"name\":\"n\",\"contactListId\":\"" + LIST + "\",\"message\":\"Hi\"}");
        assertThat(s.dialingMode()).isEqualTo(DialingMode.AGENTLESS);
        assertThat(s.abandonRate()).isEqualTo(3.0);
        assertThat(s.noAnswerTimeoutSeconds()).isEqualTo(25);
        assertThat(s.maxAttemptsPerNumber()).isEqualTo(s.maxAttemptsPerContact()).isEqualTo(3);
        assertThat(s.amd().enabled()).isTrue();
        assertThat(s.amd().machineAction()).isEqualTo(AmdAction.MESSAGE_AFTER_BEEP);
        assertThat(s.retryDelays().after(ResultKind.INTERRUPTED)).isEqualTo(s.retryDelays().after(ResultKind.FAILED));
    }

    @Test
    void aRingTimeUnderFifteenSecondsIsRefusedNamingTheField() {
        assertThatThrownBy(() -> read("{\"name\":\"n\",\"contactListId\":\"" + LIST + "\",\"message\":\"Hi\",\"noAnswerTimeoutSeconds\":14}"))
                .rootCause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("noAnswerTimeoutSeconds")
                .hasMessageContaining("15 s");
    }

    @Test
    void agentModesNeedTheirQueueAndTheSafeHarbourMessageAndKeepTheFifteenSecondRing() throws Exception {
        String base = "{\"name\":\"n\",\"contactListId\":\"" + LIST + "\",\"dialingMode\":\"predictive\"";
        String queue = ",\"queueId\":\"" + UUID.randomUUID() + "\"";
        String harbour = ",\"agentMode\":{\"safeHarbourCompany\":\"Acme\",\"safeHarbourNumber\":\"555 0100\"}";
        assertThatThrownBy(() -> read(base + harbour + "}")).rootCause().hasMessageContaining("queueId");
        assertThatThrownBy(() -> read(base + queue + "}")).rootCause().hasMessageContaining("agentMode.safeHarbourCompany");
        assertThatThrownBy(() -> read(base + queue + harbour + ",\"noAnswerTimeoutSeconds\":14}")).rootCause()
                .hasMessageContaining("noAnswerTimeoutSeconds");
        CampaignSettings s = read(base + queue + harbour + "}");
        assertThat(s.agentMode().powerRatio()).isEqualTo(2.0);
        assertThat(s.agentMode().safeHarbourMessage()).contains("this is Acme").contains("call us back at 555 0100");
        assertThat(read("{\"name\":\"n\",\"contactListId\":\"" + LIST + "\",\"dialingMode\":\"preview\"" + queue + "}")
                .dialingMode()).as("preview abandons nobody: no safe harbour needed").isEqualTo(DialingMode.PREVIEW);
    }

    @Test
    void agentlessNeedsSomethingToSayOrAFlowAndAPersonHasNoBeep() {
        assertThatThrownBy(() -> read("{\"name\":\"n\",\"contactListId\":\"" + LIST + "\"}")).rootCause()
                .hasMessageContaining("message or a flowId");
        assertThatThrownBy(() -> read("{\"name\":\"n\",\"contactListId\":\"" + LIST + "\",\"message\":\"Hi\","
                + "\"amd\":{\"enabled\":true,\"humanAction\":\"messageAfterBeep\"}}")).rootCause().hasMessageContaining("no beep");
        assertThatThrownBy(() -> read("{\"name\":\"n\",\"contactListId\":\"" + LIST + "\",\"message\":\"Hi\","
                + "\"amd\":{\"enabled\":true,\"machineAction\":\"flow\"}}")).rootCause().hasMessageContaining("flowId");
    }

    @Test
    void anUnknownIsAPersonUnlessTheCampaignSaysOtherwiseAndNeverWaitsForABeep() throws Exception {
        String base = "{\"name\":\"n\",\"contactListId\":\"" + LIST + "\",\"message\":\"Hi\",";
        CampaignSettings byDefault = read(base + "\"amd\":{\"enabled\":true,\"humanAction\":\"message\"}}");
        assertThat(byDefault.amd().unknownAction()).isEqualTo(AmdAction.MESSAGE);
        assertThat(byDefault.amd().unknownAsPerson()).isTrue();
        CampaignSettings hangUp = read(base + "\"amd\":{\"enabled\":true,\"unknownAction\":\"hangUp\"}}");
        assertThat(hangUp.amd().unknownAction()).isEqualTo(AmdAction.HANG_UP);
        assertThat(hangUp.amd().unknownAsPerson()).isFalse();
        assertThat(read(CampaignStore.JSON.writeValueAsString(hangUp))).isEqualTo(hangUp);
        assertThatThrownBy(() -> read(base + "\"amd\":{\"enabled\":true,\"unknownAction\":\"messageAfterBeep\"}}"))
                .rootCause().hasMessageContaining("amd.unknownAction");
        assertThatThrownBy(() -> read(base + "\"amd\":{\"enabled\":true,\"unknownAction\":\"flow\"}}"))
                .rootCause().hasMessageContaining("flowId");
    }

    @Test
    void asyncAmdIsForAgentlessCampaignsWhosePersonHearsTheMessage() throws Exception {
        String base = "{\"name\":\"n\",\"contactListId\":\"" + LIST + "\",\"message\":\"Hi\",";
        CampaignSettings s = read(base + "\"amd\":{\"enabled\":true,\"async\":true,\"machineAction\":\"messageAfterBeep\"}}");
        assertThat(s.amd().async()).isTrue();
        assertThat(read(CampaignStore.JSON.writeValueAsString(s))).isEqualTo(s);
        assertThat(read(base + "\"amd\":{\"enabled\":true}}").amd().async()).isFalse();
        assertThatThrownBy(() -> read(base + "\"amd\":{\"enabled\":true,\"async\":true,\"humanAction\":\"hangUp\"}}"))
                .rootCause().hasMessageContaining("amd.async").hasMessageContaining("humanAction");
        assertThatThrownBy(() -> read(base + "\"amd\":{\"enabled\":false,\"async\":true}}"))
                .rootCause().hasMessageContaining("amd.async");
        assertThatThrownBy(() -> read("{\"name\":\"n\",\"contactListId\":\"" + LIST + "\",\"dialingMode\":\"preview\","
                + "\"queueId\":\"" + UUID.randomUUID() + "\",\"amd\":{\"enabled\":true,\"async\":true}}"))
                .rootCause().hasMessageContaining("amd.async");
    }

    @Test
    void jsonUsesTheApisLowerCamelEnumsAndRoundTrips() throws Exception {
        CampaignSettings s = read("{\"name\":\"n\",\"contactListId\":\"" + LIST + "\",\"dialingMode\":\"predictive\","
                + "\"queueId\":\"" + UUID.randomUUID() + "\",\"agentMode\":{\"safeHarbourCompany\":\"A\",\"safeHarbourNumber\":\"1\"},"
                + "\"filters\":[{\"column\":\"state\",\"operator\":\"notEquals\",\"value\":\"TX\"}],"
                + "\"unknownZone\":{\"action\":\"useDefault\",\"defaultTimeZone\":\"America/Chicago\"},"
                + "\"schedule\":{\"start\":\"2026-12-01T08:00:00Z\"}}");
        String json = CampaignStore.JSON.writeValueAsString(s);
        assertThat(json).contains("\"dialingMode\":\"predictive\"", "\"operator\":\"notEquals\"", "\"action\":\"useDefault\"",
                "\"machineAction\":\"messageAfterBeep\"", "\"start\":\"2026-12-01T08:00:00Z\"").doesNotContain("null");
        assertThat(read(json)).isEqualTo(s);
    }

    @Test
    void statusMovesOnlyAlongItsTable() {
        assertThat(CampaignStatus.OFF.canMoveTo(CampaignStatus.ON)).isTrue();
        assertThat(CampaignStatus.OFF.canMoveTo(CampaignStatus.STOPPING)).isFalse();
        assertThat(CampaignStatus.OFF.canMoveTo(CampaignStatus.COMPLETE)).isFalse();
        assertThat(CampaignStatus.ON.canMoveTo(CampaignStatus.OFF)).as("on stops through stopping").isFalse();
        assertThat(CampaignStatus.ON.canMoveTo(CampaignStatus.STOPPING)).isTrue();
        assertThat(CampaignStatus.STOPPING.canMoveTo(CampaignStatus.OFF)).isTrue();
        assertThat(CampaignStatus.COMPLETE.canMoveTo(CampaignStatus.ON)).isTrue();
        assertThat(ResultKind.NO_ANSWER.wire()).isEqualTo("noAnswer");
        assertThat(ResultKind.ofWire("sitDisconnected")).contains(ResultKind.SIT_DISCONNECTED);
    }
}
