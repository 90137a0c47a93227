package org.opendialer.ivr.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Decision expressions and templates: what they read, what they give, and what they refuse. */
class ExpressionsTest {

    @Test
    void decisionsOverCrmValues() {
        Map<String, Object> crm = Map.of("tier", "platinum", "priorityAccount", false, "nps", 6);
        assertThat(Expressions.test("priorityAccount == true || tier == \"platinum\"", crm)).isTrue();
        assertThat(Expressions.test("nps < 7 && !priorityAccount", crm)).isTrue();
        assertThat(Expressions.test("STR_CONTAINS(tier, \"gold\")", crm)).isFalse();
        assertThat(Expressions.variables("nps < 7 && tier == \"gold\" && TRUE")).containsExactlyInAnyOrder("nps", "tier");
    }

    @Test
    void anExpressionCannotReachJava() {
        assertThatThrownBy(() -> Expressions.test("tier.getClass()", Map.of("tier", "x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Expressions.variables("Runtime.getRuntime().exec(\"id\")"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Expressions.test("unset > 1", Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void templateValuesAreEscapedForWhereTheyGo() {
        Map<String, Object> v = Map.of("name", "Zoë \"Z\" & co/1");
        assertThat(FlowTemplates.render(FlowTemplates.Escape.NONE, "Hi {{name}}", v)).isEqualTo("Hi Zoë \"Z\" & co/1");
        assertThat(FlowTemplates.render(FlowTemplates.Escape.URL, "/u/{{name}}", v)).isEqualTo("/u/Zo%C3%AB%20%22Z%22%20%26%20co%2F1");
        assertThat(FlowTemplates.render(FlowTemplates.Escape.JSON, "{\"n\":\"{{name}}\"}", v)).isEqualTo("{\"n\":\"Zoë \\\"Z\\\" & co/1\"}");
        assertThat(FlowTemplates.variables("{{a}} {{#b}}{{c.d}}{{/b}}")).containsExactly("a", "b", "c");
    }
}
