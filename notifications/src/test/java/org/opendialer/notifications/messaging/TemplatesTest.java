package org.opendialer.notifications.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplatesTest {

    @Test
    void textTemplatesAreNotHtmlEscapedButHtmlOnesAre() {
        assertThat(Templates.text("Hi {{name}}, R&D says {{msg}}", Map.of("name", "Ann & Bob", "msg", "<ok>")))
                .isEqualTo("Hi Ann & Bob, R&D says <ok>");
        assertThat(Templates.html("<p>{{name}}</p>", Map.of("name", "Ann & Bob"))).isEqualTo("<p>Ann &amp; Bob</p>");
    }

    @Test
    void aBrokenTemplateIsAClearError() {
        assertThatThrownBy(() -> Templates.check("Hi {{#name}}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("template:");
    }

    @Test
    void warnsWhenALinkWouldBeSplitAcrossSmsParts() {
        String shortOne = "Your parcel: https://t.example/abc";
        assertThat(Templates.smsLinkWarnings(shortOne)).isEmpty();
        String split = "x".repeat(140) + " https://track.example.com/parcel/123456789 " + "y".repeat(20);
        assertThat(Templates.smsLinkWarnings(split)).anyMatch(w -> w.contains("would be split between SMS parts 1 and 2"))
                .anyMatch(w -> w.contains("within 160 characters"));
        String longNoLink = "z".repeat(400);
        assertThat(Templates.smsLinkWarnings(longNoLink)).isEmpty();
    }
}
