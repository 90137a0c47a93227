package org.opendialer.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PatternTableTest {

    @Test
    void theDefaultTableGoesByTheLastDigitAndTheDemoNumbersCoverEveryBehaviour() {
        PatternTable t = PatternTable.defaults();
        assertThat(t.match("+1 (201) 555-0102").behaviour()).isEqualTo(Behaviour.PERSON);
        assertThat(t.match("+12015550102").key()).isEqualTo('1');
        assertThat(t.match("+12015550103").behaviour()).isEqualTo(Behaviour.VOICEMAIL);
        assertThat(t.match("0044 20 7946 0005").behaviour()).isEqualTo(Behaviour.BUSY);
        assertThat(PatternTable.demoNumbers()).hasSize(10)
                .extracting(n -> t.match(n).behaviour()).containsAll(java.util.List.of(Behaviour.values()));
        assertThat(t.match("").behaviour()).as("no digits, no rule").isEqualTo(Behaviour.UNREACHABLE);
    }

    @Test
    void rulesAreTriedInOrderWithTheirOptions() {
        PatternTable t = PatternTable.parse("""
                # prefix rules first
                44.*   fax ring=0.5
                .*     person key=9 ring=4   # everything else
                """);
        assertThat(t.match("+442079460001").behaviour()).isEqualTo(Behaviour.FAX);
        assertThat(t.match("+442079460001").ring()).isEqualTo(Duration.ofMillis(500));
        PatternTable.Rule other = t.match("+12015550105");
        assertThat(other.behaviour()).isEqualTo(Behaviour.PERSON);
        assertThat(other.key()).isEqualTo('9');
        assertThat(other.ring()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void aBadRuleIsRefusedWithItsLine() {
        assertThatThrownBy(() -> PatternTable.parse(".*1 person\n.*2 robot"))
                .hasMessageContaining("line 2").hasMessageContaining("unknown behaviour 'robot'");
        assertThatThrownBy(() -> PatternTable.parse(".*1 person key=12"))
                .hasMessageContaining("line 1").hasMessageContaining("key");
        assertThatThrownBy(() -> PatternTable.parse("[ busy")).hasMessageContaining("bad regex");
        assertThatThrownBy(() -> PatternTable.parse(".* busy colour=red")).hasMessageContaining("unknown option");
    }
}
