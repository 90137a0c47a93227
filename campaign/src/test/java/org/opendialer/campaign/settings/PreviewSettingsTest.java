package org.opendialer.campaign.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opendialer.campaign.pacing.DialingMode;
import org.opendialer.notifications.messaging.Templates;

/** Preview's settings and the agent script: defaults, refused values, the script rendered with escaped columns. */
class PreviewSettingsTest {

    static final String BASE = "{\"name\":\"n\",\"contactListId\":\"" + UUID.randomUUID() + "\",\"dialingMode\":\"preview\","
            + "\"queueId\":\"" + UUID.randomUUID() + "\"";

    static CampaignSettings read(String json) throws Exception {
        return CampaignStore.JSON.readValue(json, CampaignSettings.class);
    }

    @Test
    void previewNeedsItsQueueButNoSafeHarbourMessageAndTheTimerIsOffByDefault() throws Exception {
        CampaignSettings s = read(BASE + "}");
        assertThat(s.dialingMode()).isEqualTo(DialingMode.PREVIEW);
        assertThat(s.agentMode().previewTimer()).isZero();
        assertThat(s.agentMode().skipHoldSeconds()).isEqualTo(3600);
        assertThat(s.agentMode().callbackOwnerWaitSeconds()).isEqualTo(60);
        assertThat(s.agentMode().previewsSome()).isFalse();
        assertThat(s.agentMode().script()).isNull();
        assertThatThrownBy(() -> read(BASE.replaceAll(",\"queueId\":\"[^\"]+\"", "") + "}"))
                .rootCause().hasMessageContaining("queueId");
    }

    @Test
    void badTimersScriptsAndActionsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> read(BASE + ",\"agentMode\":{\"previewTimer\":-1}}")).rootCause()
                .hasMessageContaining("agentMode.previewTimer");
        assertThatThrownBy(() -> read(BASE + ",\"agentMode\":{\"callbackOwnerWaitSeconds\":3601}}")).rootCause()
                .hasMessageContaining("agentMode.callbackOwnerWaitSeconds");
        assertThatThrownBy(() -> read(BASE + ",\"agentMode\":{\"script\":{\"template\":\"Hello {{#name}\"}}}")).rootCause()
                .hasMessageContaining("agentMode.script.template");
        assertThatThrownBy(() -> read(BASE + ",\"agentMode\":{\"script\":{\"template\":\"x\",\"actions\":"
                + "[{\"label\":\"Go\",\"kind\":\"transfer\"}]}}}")).rootCause()
                .hasMessageContaining("agentMode.script.actions.value");
    }

    @Test
    void theScriptRendersTheContactsColumnsEscapedAndSurvivesTheStoredJson() throws Exception {
        CampaignSettings s = read(BASE + ",\"agentMode\":{\"agentOwnerColumn\":\"owner\",\"callbackOwnerWaitSeconds\":90,\"script\":{\"template\":"
                + "\"<p>Hello {{name}}</p>\",\"actions\":[{\"label\":\"Sold\",\"kind\":\"wrapUp\",\"value\":\"Sold\"}]}}}");
        CampaignSettings again = read(CampaignStore.json(s));
        assertThat(again.agentMode()).isEqualTo(s.agentMode());
        assertThat(again.agentMode().callbackOwnerWaitSeconds()).isEqualTo(90);
        assertThat(again.agentMode().previewsSome()).isTrue();
        assertThat(again.agentMode().script().actions()).singleElement()
                .extracting(CampaignSettings.ScriptAction::kind).isEqualTo(CampaignSettings.ScriptAction.Kind.WRAP_UP);
        assertThat(CampaignStore.json(s)).contains("\"kind\":\"wrapUp\"");
        assertThat(Templates.html(again.agentMode().script().template(), Map.of("name", "<script>x</script>")))
                .isEqualTo("<p>Hello &lt;script&gt;x&lt;/script&gt;</p>");
    }
}
