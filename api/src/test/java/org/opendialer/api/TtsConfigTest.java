package org.opendialer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.api.config.ConfigException;
import org.opendialer.api.config.ConfigLoader;
import org.opendialer.media.TtsConfig;

/** media.tts: the reference file's defaults, an operator's override, a bad value named with its field. */
class TtsConfigTest {

    @TempDir
    Path tmp;

    @Test
    void referenceDefaultsOverridesAndErrors() throws Exception {
        ConfigLoader loader = new ConfigLoader();
        assertThat(loader.load(null, Map.of()).media().tts()).isEqualTo(TtsConfig.defaults());

        Path f = tmp.resolve("d.yaml");
        Files.writeString(f, "media:\n  tts:\n    cacheDir: data/prompts\n    maxConcurrentRenders: 3\n");
        TtsConfig tts = loader.load(f, Map.of()).media().tts();
        assertThat(tts.cacheDir()).isEqualTo("data/prompts");
        assertThat(tts.renderSlots()).isEqualTo(3);
        assertThat(tts.renderTimeoutMillis()).isEqualTo(10_000);

        Files.writeString(f, "media:\n  tts:\n    renderTimeoutMillis: 50\n");
        assertThatThrownBy(() -> loader.load(f, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessage(f + ": media.tts.renderTimeoutMillis: need at least 100, was 50");
    }
}
