package org.opendialer.notifications.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AMD overrides are the client's input: a bad one is refused with the request, not after the call is placed. */
class CallRequestTest {

    private static CallRequest withAmd(Map<String, Object> overrides) {
        return new CallRequest("+12015550100", null, null, null, AmdMode.ON, "Hello", null, Map.of(), 2, null,
                null, null, overrides);
    }

    @Test
    void aKnownPresetAndKeysAreAccepted() {
        assertThat(withAmd(Map.of("sensitivity", "conservative", "greetingMs", 3000)).amdOverrides())
                .containsEntry("sensitivity", "conservative");
    }

    @Test
    void anUnknownKeyOrPresetIsRefusedNamingTheField() {
        assertThatThrownBy(() -> withAmd(Map.of("greetingMillis", 3000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("amdParameters: ")
                .hasMessageContaining("greetingMillis");
        assertThatThrownBy(() -> withAmd(Map.of("sensitivity", "reckless")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("amdParameters: ");
        assertThatThrownBy(() -> withAmd(Map.of("greetingMs", "soon")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("amdParameters: ");
    }

    @Test
    void aNullValueIsRefusedNotAnInternalError() {
        Map<String, Object> nulls = new HashMap<>();
        nulls.put("greetingMs", null);
        assertThatThrownBy(() -> withAmd(nulls)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amdParameters: values must not be null");
    }
}
