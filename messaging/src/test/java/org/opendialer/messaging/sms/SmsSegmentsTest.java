package org.opendialer.messaging.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsSegmentsTest {

    @Test
    void gsmTextUpTo160SeptetsIsOneSms() {
        SmsSegments s = SmsSegments.of("a".repeat(160));
        assertThat(s.encoding()).isEqualTo(SmsEncoding.GSM7);
        assertThat(s.count()).isEqualTo(1);
        assertThat(s.payload(0, 7)).hasSize(160);
    }

    @Test
    void longGsmTextIsCutIn153SeptetPartsWithAConcatenationHeader() {
        SmsSegments s = SmsSegments.of("b".repeat(161));
        assertThat(s.count()).isEqualTo(2);
        assertThat(s.parts().get(0)).hasSize(153);
        byte[] p = s.payload(1, 0x42);
        assertThat(p[0]).isEqualTo((byte) 5);
        assertThat(p[3]).isEqualTo((byte) 0x42);
        assertThat(p[4]).isEqualTo((byte) 2);
        assertThat(p[5]).isEqualTo((byte) 2);
        assertThat(SmsSegments.decode(p, (byte) 0, true)).isEqualTo("b".repeat(8));
    }

    @Test
    void extensionCharactersCountTwiceAndAreNeverSplitFromTheirEscape() {
        assertThat(SmsSegments.of("€".repeat(80)).count()).isEqualTo(1);
        SmsSegments s = SmsSegments.of("x" + "€".repeat(80));
        assertThat(s.encoding()).isEqualTo(SmsEncoding.GSM7);
        assertThat(s.count()).isEqualTo(2);
        assertThat(s.parts().get(0)).isEqualTo("x" + "€".repeat(76));
        assertThat(SmsSegments.decode(s.payload(0, 1), (byte) 0, true)).isEqualTo(s.parts().get(0));
    }

    @Test
    void anyCharacterOutsideGsmSwitchesToUcs2With70And67() {
        assertThat(SmsSegments.of("Привет").encoding()).isEqualTo(SmsEncoding.UCS2);
        assertThat(SmsSegments.of("я".repeat(70)).count()).isEqualTo(1);
        SmsSegments s = SmsSegments.of("я".repeat(71));
        assertThat(s.count()).isEqualTo(2);
        assertThat(s.parts().get(0)).hasSize(67);
        assertThat(SmsSegments.decode(s.payload(1, 1), (byte) 8, true)).isEqualTo("я".repeat(4));
    }

    @Test
    void surrogatePairsStayTogether() {
        String text = "a".repeat(66) + "😀" + "b".repeat(10);
        SmsSegments s = SmsSegments.of(text);
        assertThat(s.parts().get(0)).isEqualTo("a".repeat(66));
        assertThat(String.join("", s.parts())).isEqualTo(text);
        assertThat(s.boundaries()).containsExactly(66);
    }

    @Test
    void gsmRoundTripsTheWholeAlphabet() {
        String all = "@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./09:;<=>?¡AZÄÖÑÜ§¿azäöñüà^{}\\[~]|€";
        assertThat(Gsm7.decode(Gsm7.encode(all), 0, Gsm7.encode(all).length)).isEqualTo(all);
    }
}
