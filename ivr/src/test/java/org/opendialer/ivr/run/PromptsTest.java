package org.opendialer.ivr.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opendialer.media.Playable;

class PromptsTest {

    final Prompts prompts = new Prompts(Path.of("/srv/prompts"), Path.of("/srv/recordings"));

    @Test
    void englishIsSpokenByFreeTtsAndEveryOtherLanguageByEspeakNg() {
        assertThat(Prompts.speech("Hello", "en")).isEqualTo(new Playable.Tts("Hello", "kevin16"));
        assertThat(Prompts.speech("Hello", "en-GB")).isEqualTo(new Playable.Tts("Hello", "kevin16"));
        assertThat(Prompts.speech("안녕하세요", "ko")).isEqualTo(new Playable.Tts("안녕하세요", "espeak-ng:ko"));
        assertThat(Prompts.speech("Bonjour", "fr-CA")).isEqualTo(new Playable.Tts("Bonjour", "espeak-ng:fr-CA"));
        assertThat(Prompts.speech("Hi", "")).as("no language: the default").isEqualTo(new Playable.Tts("Hi", "kevin16"));
    }

    @Test
    void aPromptNameCannotLeaveThePromptDirectory() {
        assertThat(prompts.file("welcome.wav").path()).isEqualTo(Path.of("/srv/prompts/welcome.wav"));
        assertThat(prompts.file("sales/welcome.wav").path()).isEqualTo(Path.of("/srv/prompts/sales/welcome.wav"));
        for (String bad : new String[] {"../secret.wav", "/etc/passwd", "sales/../../x.wav", "", "."}) {
            assertThatThrownBy(() -> prompts.file(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a file of the prompt directory");
        }
    }
}
