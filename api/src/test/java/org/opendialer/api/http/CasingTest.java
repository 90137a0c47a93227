package org.opendialer.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opendialer.notifications.voice.AmdMode;

class CasingTest {

    @Test
    void storedFormsLeaveInLowerCamelCase() {
        assertThat(Casing.camel("NO_ANSWER")).isEqualTo("noAnswer");
        assertThat(Casing.camel("HUMAN")).isEqualTo("human");
        assertThat(Casing.camel("early_media")).isEqualTo("earlyMedia");
        assertThat(Casing.camel("earlyMedia")).as("already camel: unchanged").isEqualTo("earlyMedia");
        assertThat(Casing.camel("sms_stop")).isEqualTo("smsStop");
        assertThat(Casing.camel((String) null)).isNull();
    }

    @Test
    void apiValuesParseToTheirConstant() {
        assertThat(Casing.parse(AmdMode.class, "endOfGreeting")).isEqualTo(AmdMode.END_OF_GREETING);
        assertThat(Casing.parse(AmdMode.class, "off")).isEqualTo(AmdMode.OFF);
        assertThat(Casing.parse(AmdMode.class, "async")).isEqualTo(AmdMode.ASYNC);
        assertThatThrownBy(() -> Casing.parse(AmdMode.class, "end_of_greeting")).isInstanceOf(IllegalArgumentException.class);
    }
}
