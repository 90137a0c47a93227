package org.opendialer.amd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AmdParamsTest {

    @Test
    void overridesReplaceOnlyTheNamedKeysAndAcceptStrings() {
        AmdParams p = AmdParams.defaults().withOverrides(Map.of("greetingMs", "2000", "awaitMachineEnd", "false",
                "speechOverNoiseDb", 9, "toneCountries", "uk"));
        assertThat(p.greetingMs()).isEqualTo(2000);
        assertThat(p.awaitMachineEnd()).isFalse();
        assertThat(p.speechOverNoiseDb()).isEqualTo(9.0);
        assertThat(p.toneCountries()).isEqualTo("UK");
        assertThat(p.initialSilenceMs()).isEqualTo(AmdParams.defaults().initialSilenceMs());
    }

    @Test
    void unknownKeyIsRejectedByName() {
        assertThatThrownBy(() -> AmdParams.defaults().withOverrides(Map.of("greetingMillis", 100)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("greetingMillis");
    }

    @Test
    void badValuesAreRejectedByName() {
        assertThatThrownBy(() -> AmdParams.defaults().withOverrides(Map.of("maxWords", "many")))
                .hasMessageContaining("maxWords");
        assertThatThrownBy(() -> AmdParams.defaults().withOverrides(Map.of("minWordMs", 0)))
                .hasMessageContaining("minWordMs");
        assertThatThrownBy(() -> AmdParams.defaults().withOverrides(Map.of("greetingMs", 1.5)))
                .hasMessageContaining("greetingMs");
    }

    @Test
    void sensitivityAppliesItsPresetAndSingleKeysStillOverrideIt() {
        assertThat(AmdParams.of(Sensitivity.BALANCED)).isEqualTo(AmdParams.defaults());
        AmdParams conservative = AmdParams.defaults().withOverrides(Map.of("sensitivity", "Conservative"));
        assertThat(conservative.greetingMs()).isGreaterThan(AmdParams.defaults().greetingMs());
        assertThat(conservative).isEqualTo(AmdParams.of(Sensitivity.CONSERVATIVE));
        AmdParams p = AmdParams.defaults().withOverrides(Map.of("sensitivity", "aggressive", "greetingMs", 1800));
        assertThat(p.greetingMs()).isEqualTo(1800);
        assertThat(p.maxContinuousSpeechMs()).isEqualTo(AmdParams.of(Sensitivity.AGGRESSIVE).maxContinuousSpeechMs());
        assertThatThrownBy(() -> AmdParams.defaults().withOverrides(Map.of("sensitivity", "paranoid")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sensitivity");
    }

    @Test
    void thePresetsMoveEveryLimitTheSameWay() {
        AmdParams c = AmdParams.of(Sensitivity.CONSERVATIVE), b = AmdParams.of(Sensitivity.BALANCED),
                a = AmdParams.of(Sensitivity.AGGRESSIVE);
        assertThat(c.greetingMs()).isGreaterThan(b.greetingMs()).isGreaterThan(a.greetingMs());
        assertThat(c.maxContinuousSpeechMs()).isGreaterThan(b.maxContinuousSpeechMs())
                .isGreaterThan(a.maxContinuousSpeechMs());
        assertThat(c.maxWords()).isGreaterThan(b.maxWords()).isGreaterThan(a.maxWords());
        assertThat(c.beepMinMs()).isGreaterThan(b.beepMinMs()).isGreaterThan(a.beepMinMs());
    }
}
