package org.opendialer.api.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.api.config.ConfigException;
import org.opendialer.api.config.ConfigLoader;
import org.opendialer.notifications.messaging.KeywordBook;
import org.opendialer.notifications.messaging.MessagingConfig;

/** The {@code messaging} section of the configuration: safe defaults, errors that name the field. */
class MessagingConfigTest {

    @TempDir
    Path tmp;
    final ConfigLoader loader = new ConfigLoader();

    private Path write(String yaml) throws Exception {
        Path f = tmp.resolve("dialer.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void referenceHasMessagingOffWithTheStandardKeywords() {
        MessagingConfig m = loader.load(null, Map.of()).messaging();
        assertThat(m.sms().enabled()).isFalse();
        assertThat(m.email().enabled()).isFalse();
        assertThat(m.email().inbound().enabled()).isFalse();
        assertThat(m.replyWindowMinutes()).isEqualTo(1440);
        assertThat(m.keywords().optOut()).containsExactly("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT");
        assertThat(m.keywordBook().match("12345", "info").map(KeywordBook.Match::kind)).contains(KeywordBook.Kind.HELP);
    }

    @Test
    void perSenderKeywordsAndRepliesAreRead() throws Exception {
        MessagingConfig m = loader.load(write("""
                messaging:
                  senders:
                    - address: "+33612345678"
                      keywords: {optOut: [ARRET], optIn: [], help: [AIDE], optOutReply: "Desinscrit.", optInReply: "", helpReply: ""}
                """), Map.of()).messaging();
        assertThat(m.keywordBook().match("+33612345678", "arret").orElseThrow().reply()).isEqualTo("Desinscrit.");
        assertThat(m.keywordBook().match("+33612345678", "STOP").orElseThrow().reply()).isEqualTo("Desinscrit.");
        assertThat(m.keywordBook().match("12345", "ARRET")).isEmpty();
    }

    @Test
    void badValuesNameTheField() throws Exception {
        Path window = write("messaging:\n  sms:\n    windowSize: 5000\n");
        assertThatThrownBy(() -> loader.load(window, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessage(window + ": messaging.sms.windowSize: must be 1..1000, was 5000");
        Path noHost = write("messaging:\n  sms:\n    enabled: true\n");
        assertThatThrownBy(() -> loader.load(noHost, Map.of()))
                .hasMessageStartingWith(noHost + ": messaging.sms.host: host, port and systemId are required");
        Path url = write("messaging:\n  publicBaseUrl: dialer.example.com\n");
        assertThatThrownBy(() -> loader.load(url, Map.of())).hasMessageContaining("messaging.publicBaseUrl: must start with http");
    }
}
