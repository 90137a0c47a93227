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

    private static CallRequest withKeys(Map<String, KeyAction> keys, String toneCountry) {
        return new CallRequest("+12015550100", null, null, null, AmdMode.ON, "Hello", null, Map.of(), 2, null,
                null, null, Map.of(), keys, toneCountry);
    }

    @Test
    void withoutKeysTheDefaultsOneTwoNineApply() {
        CallRequest r = withKeys(null, null);
        assertThat(r.keys()).isEmpty();
        assertThat(r.keyActions()).containsOnlyKeys("1", "2", "9");
        assertThat(r.keyActions().get("9").kind()).isEqualTo(KeyAction.Kind.OPT_OUT);
        assertThat(r.keyActions().get("1").goodbye()).isEqualTo("Thank you, it is confirmed. Goodbye.");
        assertThat(r.toneCountry()).isEqualTo("US");
    }

    @Test
    void keysFromTheRequestReplaceTheDefaults() {
        CallRequest r = withKeys(Map.of("5", KeyAction.of("optOut", "Au revoir.", null),
                "0", KeyAction.of("agent", null, "+12015550111"), "#", KeyAction.of("Confirm", "Merci.", null)), "uk");
        assertThat(r.keyActions()).containsOnlyKeys("5", "0", "#");
        assertThat(r.keyActions().get("5")).isEqualTo(new KeyAction(KeyAction.Kind.OPT_OUT, "Au revoir.", ""));
        assertThat(r.keyActions().get("0").to()).isEqualTo("+12015550111");
        assertThat(r.keyActions().get("#").kind()).isEqualTo(KeyAction.Kind.CONFIRM);
        assertThat(r.toneCountry()).isEqualTo("UK");
    }

    @Test
    void badKeysAndToneCountriesAreRefusedNamingTheField() {
        assertThatThrownBy(() -> withKeys(Map.of("12", KeyAction.of("confirm", "Bye.", null)), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("human.keys: ");
        assertThatThrownBy(() -> withKeys(Map.of("x", KeyAction.of("confirm", "Bye.", null)), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("human.keys: ");
        assertThatThrownBy(() -> KeyAction.of("dance", "Bye.", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown action 'dance'");
        assertThatThrownBy(() -> KeyAction.of("agent", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("to: ");
        assertThatThrownBy(() -> KeyAction.of("confirm", " ", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("goodbye: ");
        assertThatThrownBy(() -> withKeys(null, "Atlantis"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("toneCountry: ");
    }

    @Test
    void anUnknownIsAPersonByDefaultAndStoresAndHashesAsBeforeTheChoiceExisted() {
        CallRequest plain = withAmd(Map.of());
        assertThat(plain.amdUnknown()).isEqualTo(AmdUnknownAction.AS_PERSON);
        CallRequest hangUp = new CallRequest("+12015550100", null, null, null, AmdMode.ASYNC, "Hello", null, Map.of(),
                2, null, null, null, Map.of(), null, null, null, AmdUnknownAction.HANG_UP);
        assertThat(CallRequestJson.stored(plain)).doesNotContain("amdUnknownAction");
        assertThat(CallRequestJson.stored(hangUp)).contains("\"amdUnknownAction\":\"HANG_UP\"");
        assertThat(CallRequestJson.hash(hangUp)).isNotEqualTo(CallRequestJson.hash(new CallRequest("+12015550100", null,
                null, null, AmdMode.ASYNC, "Hello", null, Map.of(), 2, null, null, null, Map.of())));
    }
}
