package org.opendialer.api.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.opendialer.api.config.ConfigException;
import org.opendialer.api.config.ConfigLoader;
import org.opendialer.api.config.DialerConfig;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE}; without it {@code DIALER_CONFIG}, then {@code conf/dialer.yaml} in the working directory
 * when present, else the built-in reference defaults.
 */
public final class ConfigOption {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "configuration file (default: $DIALER_CONFIG, else conf/dialer.yaml)")
    Path file;

    Path resolve() {
        if (file != null) {
            return file;
        }
        String env = System.getenv("DIALER_CONFIG");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Path local = Path.of("conf", "dialer.yaml");
        return Files.isRegularFile(local) ? local : null;
    }

    DialerConfig load() {
        return new ConfigLoader().load(resolve(), System.getenv());
    }

    /** The configuration, or null after printing the one-line reason to stderr (callers exit with 2). */
    DialerConfig loadOrReport() {
        try {
            return load();
        } catch (ConfigException e) {
            report(e);
            return null;
        }
    }

    static void report(ConfigException e) {
        System.err.println("dialer: invalid configuration: " + e.getMessage());
    }
}
