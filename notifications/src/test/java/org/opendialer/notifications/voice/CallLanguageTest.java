package org.opendialer.notifications.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A call's language picks its prompts' voice: FreeTTS for English, espeak-ng in that language otherwise. */
class CallLanguageTest {

    private static CallRequest in(String language) {
        return new CallRequest("+12015550100", null, null, null, AmdMode.ON, "Hello", null, Map.of(), 2, null,
                null, null, Map.of(), null, null, language);
    }

    @Test
    void theLanguageChoosesTheVoice() {
        assertThat(in(null).voice()).isEqualTo("kevin16");
        assertThat(in(" ").voice()).isEqualTo("kevin16");
        assertThat(in("en-GB").voice()).isEqualTo("kevin16");
        assertThat(in("ko").voice()).isEqualTo("espeak-ng:ko");
        assertThat(in(" fr-CA ").voice()).isEqualTo("espeak-ng:fr-CA");
        assertThat(in("eo").voice()).as("not English just because it starts with e").isEqualTo("espeak-ng:eo");
        assertThat(in("enx").voice()).isEqualTo("espeak-ng:enx");
    }

    @Test
    void aMalformedTagIsRefusedNamingTheField() {
        assertThatThrownBy(() -> in("--help")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("language: '--help' is not a language tag such as ko, fr or fr-CA");
        assertThatThrownBy(() -> in("ko; rm")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("language: ");
    }
}
