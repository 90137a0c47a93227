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
import org.opendialer.api.config.DialerConfig;
import org.opendialer.webhooks.WebhooksConfig;

class ConfigLoaderTest {

    @TempDir
    Path tmp;
    final ConfigLoader loader = new ConfigLoader();

    private Path write(String yaml) throws Exception {
        Path f = tmp.resolve("dialer.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void referenceFileGivesEveryDefault() {
        DialerConfig c = loader.load(null, Map.of());
        assertThat(c.api().port()).isEqualTo(8080);
        assertThat(c.database().isEmbedded()).isTrue();
        assertThat(c.database().embedded().dataDir()).isEqualTo(Path.of("data/postgres"));
        assertThat(c.sip().transports()).containsExactly("udp", "tcp");
        assertThat(c.media().portPairs()).isEqualTo(5000);
        assertThat(c.logging().loggers()).containsEntry("io.netty", "WARN");
        assertThat(c.webhooks()).isEqualTo(WebhooksConfig.defaults());
    }

    @Test
    void webhookSettingsAreCheckedAtLoad() throws Exception {
        Path f = write("webhooks:\n  allowedTargets: [\"10.0.0.0/99\"]\n");
        assertThatThrownBy(() -> loader.load(f, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessage(f + ": webhooks.allowedTargets: '10.0.0.0/99' is not a host, an address or a CIDR block");
        Path g = write("webhooks:\n  allowPrivateTargets: true\n  maxAttempts: 3\n");
        assertThat(loader.load(g, Map.of()).webhooks()).satisfies(w -> {
            assertThat(w.allowPrivateTargets()).isTrue();
            assertThat(w.maxAttempts()).isEqualTo(3);
            assertThat(w.maxAgeMinutes()).isEqualTo(1440);
        });
    }

    @Test
    void operatorFileMergesOverDefaultsAndEnvironmentWins() throws Exception {
        Path f = write("""
                api:
                  port: 9090
                sip:
                  trunks:
                    - {name: gw, kind: gateway, host: 127.0.0.1, port: 5070, transport: udp, maxChannels: 0,
                       maxCallsPerSecond: 5, defaultRegion: GB, spans: 2, spanType: e1}
                """);
        DialerConfig c = loader.load(f, Map.of("DIALER_SIP_PORT", "5080", "DIALER_DB_URL", "jdbc:postgresql://127.0.0.1/x"));
        assertThat(c.api().port()).isEqualTo(9090);
        assertThat(c.api().tokenTtlSeconds()).isEqualTo(3600);
        assertThat(c.api().idleTimeoutSeconds()).isEqualTo(30);
        assertThat(c.sip().port()).isEqualTo(5080);
        assertThat(c.sip().trunks().getFirst().capacity()).isEqualTo(60);
        assertThat(c.database().isEmbedded()).isFalse();
    }

    @Test
    void outOfRangeValueNamesFileFieldAndReason() throws Exception {
        Path f = write("api:\n  port: 70000\n");
        assertThatThrownBy(() -> loader.load(f, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(f + ": api.port: must be 0..65535 (0 = any free port), was 70000");
    }

    @Test
    void unknownSettingListsTheKnownOnes() throws Exception {
        Path f = write("database:\n  poolsize: 4\n");
        assertThatThrownBy(() -> loader.load(f, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(f + ": database.poolsize: unknown setting")
                .hasMessageContaining("poolSize");
    }

    @Test
    void aPoolTooSmallForTheNodeLeasesIsRefused() throws Exception {
        Path f = write("database:\n  poolSize: 2\n");
        assertThatThrownBy(() -> loader.load(f, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("database.poolSize: must be at least 5");
    }

    @Test
    void nestedListErrorsCarryTheIndex() throws Exception {
        Path f = write("sip:\n  trunks:\n    - {name: a, host: h, maxChannels: 1, maxCallsPerSecond: 1}\n"
                + "    - {name: t, host: h, transport: sctp, maxChannels: 1, maxCallsPerSecond: 1}\n");
        assertThatThrownBy(() -> loader.load(f, Map.of()))
                .hasMessageContaining("sip.trunks[1].transport: must be udp, tcp or tls, was 'sctp'");
        Path ok = write("sip:\n  trunks:\n    - {name: a, host: h, maxChannels: 4, maxCallsPerSecond: 2}\n");
        var trunk = loader.load(ok, Map.of()).sip().trunks().getFirst();
        assertThat(trunk.port()).as("optional trunk settings take their defaults").isEqualTo(5060);
        assertThat(trunk.kind()).isEqualTo("trunk");
        assertThat(trunk.capacity()).isEqualTo(4);
    }

    @Test
    void wrongTypeAndBrokenYamlAreReported() throws Exception {
        Path typed = write("api:\n  port: eighty\n");
        assertThatThrownBy(() -> loader.load(typed, Map.of())).hasMessageStartingWith(typed + ": api.port: ");
        Path broken = write("api:\n  port: [1,\n");
        assertThatThrownBy(() -> loader.load(broken, Map.of())).hasMessageContaining("not valid YAML at line");
        assertThatThrownBy(() -> loader.load(tmp.resolve("missing.yaml"), Map.of())).hasMessageEndingWith("no such file");
    }

    @Test
    void environmentErrorsNameTheVariable() {
        assertThatThrownBy(() -> loader.load(null, Map.of("DIALER_API_PORT", "-1")))
                .hasMessage("environment variable DIALER_API_PORT: api.port: must be 0..65535 (0 = any free port), was -1");
    }
}
