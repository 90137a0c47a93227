package org.opendialer.ivr.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opendialer.ivr.data.DataActionDefinition.Auth;

/** Each CRM preset against a recorded example answer written from the vendor's documented shape (see crm/README.md). */
class CrmPresetsTest {

    static String recorded(String name) throws IOException {
        try (InputStream in = CrmPresetsTest.class.getResourceAsStream("/crm/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Map<String, Object> outputs(DataActionResult r) {
        assertThat(r).isInstanceOf(DataActionResult.Success.class);
        return ((DataActionResult.Success) r).outputs();
    }

    @Test
    void salesforceSoqlQuery() throws IOException {
        DataActionDefinition sf = CrmPresets.salesforce("sf", "https://acme.my.salesforce.com", "62.0", new Auth.None(), false);
        Map<String, Object> out = outputs(ResponseMapping.map(sf, recorded("salesforce-query.json"), Map.of("phone", "+15125557172")));
        assertThat(out).containsEntry("id", "003Dn00000QyX1aIAF").containsEntry("name", "Rose Gonzalez")
                .containsEntry("firstName", "Rose").containsEntry("tier", "Platinum").containsEntry("priorityAccount", true)
                .containsEntry("product", "GC1060").containsEntry("nps", 9)
                .containsEntry("recordUrl", "https://acme.my.salesforce.com/lightning/r/Contact/003Dn00000QyX1aIAF/view");
        assertThat(ResponseMapping.map(sf, recorded("salesforce-query-empty.json"), Map.of()))
                .isInstanceOf(DataActionResult.NotFound.class);
    }

    @Test
    void zendeskUserSearch() throws IOException {
        DataActionDefinition zd = CrmPresets.zendesk("zd", "https://example.zendesk.com", new Auth.None(), false);
        Map<String, Object> out = outputs(ResponseMapping.map(zd, recorded("zendesk-users-search.json"), Map.of()));
        assertThat(out).containsEntry("id", 35436).containsEntry("firstName", "Johnny Customer")
                .containsEntry("phone", "+15551230002").containsEntry("tier", "gold").containsEntry("priorityAccount", false)
                .containsEntry("product", "router-x").containsEntry("nps", 6)
                .containsEntry("recordUrl", "https://example.zendesk.com/agent/users/35436");
        assertThat(ResponseMapping.map(zd, "{\"users\":[],\"next_page\":null,\"previous_page\":null,\"count\":0}", Map.of()))
                .isInstanceOf(DataActionResult.NotFound.class);
    }

    @Test
    void dynamicsContactsByPhone() throws IOException {
        DataActionDefinition d = CrmPresets.dynamics("d", "https://contoso.crm.dynamics.com", new Auth.None(), false);
        Map<String, Object> out = outputs(ResponseMapping.map(d, recorded("dynamics-contacts.json"), Map.of()));
        assertThat(out).containsEntry("id", "25a17064-1ae7-e611-80f4-e0071b661f01").containsEntry("name", "Yvonne McKay")
                .containsEntry("firstName", "Yvonne").containsEntry("tier", "silver").containsEntry("nps", 4)
                .containsEntry("recordUrl", "https://contoso.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=contact"
                        + "&id=25a17064-1ae7-e611-80f4-e0071b661f01");
    }

    @Test
    void aFieldTheAnswerLacksIsNullNotAFailure() {
        DataActionDefinition sf = CrmPresets.salesforce("sf", "https://x", "62.0", new Auth.None(), false);
        Map<String, Object> out = outputs(ResponseMapping.map(sf, "{\"records\":[{\"Id\":\"1\",\"Account\":null}]}", Map.of()));
        assertThat(out).containsEntry("id", "1").containsEntry("tier", null).containsEntry("firstName", null);
    }
}
