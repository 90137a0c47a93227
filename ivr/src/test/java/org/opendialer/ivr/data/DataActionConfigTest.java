package org.opendialer.ivr.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opendialer.ivr.data.DataActionDefinition.Auth;

/** The data actions document: presets, requests of their own, secrets from the environment, precise refusals. */
class DataActionConfigTest {

    static final Map<String, String> ENV = Map.of("CRM_CLIENT_SECRET", "crm-secret", "ORDERS_TOKEN", "orders-token");

    @Test
    void theSampleFileParses() throws Exception {
        List<DataActionDefinition> actions = DataActionConfig.parse(
                Files.readString(Path.of("..", "conf", "flows", "data-actions.yaml")), ENV);
        assertThat(actions).extracting(DataActionDefinition::name)
                .containsExactly("crm.contactByPhone", "crm.contactByAccount", "orders.lastByPhone");
        DataActionDefinition byPhone = actions.get(0);
        assertThat(byPhone.auth()).isEqualTo(new Auth.ClientCredentials(
                "https://example.my.salesforce.com/services/oauth2/token", "dialer", "crm-secret", null));
        assertThat(byPhone.outputs()).containsKeys("id", "firstName", "tier", "priorityAccount", "product", "nps", "recordUrl");
        assertThat(byPhone.timeout()).hasMillis(1500);
        DataActionDefinition orders = actions.get(2);
        assertThat(orders.request().url()).isEqualTo("https://orders.example.com/api/customers/{{phone}}/orders");
        assertThat(orders.request().headers()).containsEntry("X-Source", "opendialer");
        assertThat(orders.inputPatterns().get("phone").matcher("+15551230001").matches()).isTrue();
        assertThat(orders.auth()).isEqualTo(new Auth.Bearer("orders-token"));
        assertThat(orders.outputs()).containsEntry("lastOrderStatus", "$.orders[0].status");
    }

    @Test
    void refusalsNameTheActionAndField() {
        assertThatThrownBy(() -> DataActionConfig.parse("""
                dataActions:
                  - { name: a, preset: salesforce, lookup: phone, baseUrl: "https://x", auth: { type: bearer, token: "env:NOPE" } }
                """, ENV)).hasMessage("dataActions/0/auth/token: environment variable NOPE is not set");
        assertThatThrownBy(() -> DataActionConfig.parse("""
                dataActions:
                  - { name: a, preset: hubspot, lookup: phone, baseUrl: "https://x" }
                """, ENV)).hasMessageContaining("dataActions/0/preset");
        assertThatThrownBy(() -> DataActionConfig.parse("""
                dataActions:
                  - { name: a, request: { url: "https://x" } }
                """, ENV)).hasMessage("dataActions/0/outputs: at least one output");
    }
}
