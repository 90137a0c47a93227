package org.opendialer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jitsi.utils.logging2.Logger;
import org.jitsi.utils.logging2.LoggerImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendialer.api.config.ConfigLoader;
import org.opendialer.api.config.LoggingConfig;
import org.opendialer.api.logging.LogSetup;
import org.slf4j.LoggerFactory;

/** logging.format: json turns the console into one Logback JSON object per line, the call context as MDC fields. */
class LogFormatTest {

    @AfterEach
    void backToText() {
        LogSetup.apply(new ConfigLoader().load(null, Map.of()).logging());
    }

    @Test
    void jsonLinesCarryTheCallContextAsFields() throws Exception {
        LoggingConfig json = new ConfigLoader().load(null, Map.of("DIALER_LOG_FORMAT", "json")).logging();
        assertThat(json.json()).isTrue();
        List<JsonNode> lines = consoleLines(() -> {
            LogSetup.apply(json);
            Logger campaign = new LoggerImpl("test.json").createChildLogger("test.json", Map.of("campaignId", "cmp-7"));
            campaign.createChildLogger("test.json", Map.of("callId", "call-42", "contactId", "ct-9")).info("answered");
            LoggerFactory.getLogger("test.json").atWarn().addKeyValue("trunk", "t1").log("trunk {} down", "t1");
        });
        JsonNode call = lines.stream().filter(l -> "answered".equals(l.path("formattedMessage").asText())).findFirst().orElseThrow();
        assertThat(call.path("level").asText()).isEqualTo("INFO");
        assertThat(call.path("loggerName").asText()).isEqualTo("test.json");
        assertThat(call.path("mdc").path("callId").asText()).isEqualTo("call-42");
        assertThat(call.path("mdc").path("campaignId").asText()).isEqualTo("cmp-7");
        assertThat(call.path("mdc").path("contactId").asText()).isEqualTo("ct-9");
        JsonNode warn = lines.stream().filter(l -> "WARN".equals(l.path("level").asText())).findFirst().orElseThrow();
        assertThat(warn.path("formattedMessage").asText()).isEqualTo("trunk t1 down");
        assertThat(warn.path("mdc").path("callId").isMissingNode() || warn.path("mdc").isEmpty())
                .as("context does not leak to the next record").isTrue();
    }

    @Test
    void textStaysTheDefault() throws Exception {
        assertThat(new ConfigLoader().load(null, Map.of()).logging().format()).isEqualTo("text");
        ByteArrayOutputStream out = capture(() -> {
            LogSetup.apply(new ConfigLoader().load(null, Map.of()).logging());
            LoggerFactory.getLogger("test.text").info("plain line");
        });
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("INFO  [").contains("test.text - plain line")
                .doesNotContain("{\"");
    }

    @Test
    void unknownFormatIsAConfigError() {
        assertThatThrownBy(() -> new LoggingConfig("INFO", Map.of(), "xml"))
                .hasMessageContaining("format: must be text or json, was 'xml'");
    }

    private static List<JsonNode> consoleLines(Runnable body) throws Exception {
        String text = capture(body).toString(StandardCharsets.UTF_8);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                lines.add(new ObjectMapper().readTree(line));
            }
        }
        return lines;
    }

    /** What the console appender (System.out) printed while body ran. */
    private static ByteArrayOutputStream capture(Runnable body) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setOut(original);
        }
        return out;
    }
}
