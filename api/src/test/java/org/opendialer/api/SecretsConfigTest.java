package org.opendialer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.api.config.ConfigException;
import org.opendialer.api.config.ConfigLoader;
import org.opendialer.api.config.DialerConfig;

/**
 * The secrets key and the external DNC provider come from the typed configuration: file, then DIALER_* variables
 * over it; a bad key, or a key file others may read, stops the node at start; the key never shows in toString.
 */
class SecretsConfigTest {

    @TempDir
    Path tmp;
    final ConfigLoader loader = new ConfigLoader();
    final String key = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));

    @Test
    void byDefaultThereIsNoKeyAndTheRealProviderWithAn800MsBudget() {
        DialerConfig c = loader.load(null, Map.of());
        assertThat(c.secrets().seal()).isNull();
        assertThat(c.externalDnc().dncComUrl()).isEqualTo("https://www.dncscrub.com");
        assertThat(c.externalDnc().budgetMillis()).isEqualTo(800);
    }

    @Test
    void theKeyAndUrlComeFromTheFileAndTheEnvironmentWins() throws Exception {
        Path f = tmp.resolve("d.yaml");
        Files.writeString(f, "secrets:\n  key: " + key + "\nexternalDnc:\n  dncComUrl: http://127.0.0.1:9999\n  budgetMillis: 500\n");
        DialerConfig fromFile = loader.load(f, Map.of());
        String sealed = fromFile.secrets().seal().seal("login-1");
        assertThat(fromFile.externalDnc().dncComUrl()).isEqualTo("http://127.0.0.1:9999");
        assertThat(fromFile.externalDnc().budgetMillis()).isEqualTo(500);
        assertThat(fromFile.secrets().toString()).doesNotContain(key);

        String other = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
        DialerConfig fromEnv = loader.load(f, Map.of("DIALER_SECRETS_KEY", other, "DIALER_DNCCOM_URL", "http://127.0.0.1:8888"));
        assertThat(fromEnv.externalDnc().dncComUrl()).isEqualTo("http://127.0.0.1:8888");
        assertThatThrownBy(() -> fromEnv.secrets().seal().open(sealed)).as("another key").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aKeyFileMustBeTheOwnersAlone() throws Exception {
        Path file = tmp.resolve("secrets.key");
        Files.writeString(file, key + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> loader.load(null, Map.of("DIALER_SECRETS_KEY_FILE", file.toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("environment variable DIALER_SECRETS_KEY_FILE")
                .hasMessageContaining("chmod 600");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        DialerConfig c = loader.load(null, Map.of("DIALER_SECRETS_KEY_FILE", file.toString()));
        assertThat(c.secrets().seal().open(c.secrets().seal().seal("x"))).isEqualTo("x");
    }

    @Test
    void aKeyOfTheWrongSizeBothKeyAndFileOrABadUrlStopTheNode() throws Exception {
        assertThatThrownBy(() -> loader.load(null, Map.of("DIALER_SECRETS_KEY", "c2hvcnQ=")))
                .hasMessage("environment variable DIALER_SECRETS_KEY: secrets.key: the key must be 32 bytes (base64), got 5 bytes");
        Path f = tmp.resolve("both.yaml");
        Files.writeString(f, "secrets:\n  key: " + key + "\n  keyFile: /nowhere\n");
        assertThatThrownBy(() -> loader.load(f, Map.of())).hasMessageContaining("secrets.keyFile: give the key or a key file, not both");
        assertThatThrownBy(() -> loader.load(null, Map.of("DIALER_DNCCOM_URL", "ftp://x")))
                .hasMessageContaining("externalDnc.dncComUrl: an http(s) URL with a host");
    }
}
