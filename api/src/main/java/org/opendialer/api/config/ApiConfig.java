package org.opendialer.api.config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The HTTP server of the REST API, token endpoint, health, metrics and web pages.
 *
 * @param bindAddress     address to listen on
 * @param port            TCP port, 0 = any free port
 * @param tokenTtlSeconds lifetime of issued access tokens, 60..86400 s
 * @param idleTimeoutSeconds a connection that sends and receives nothing this long is closed (a half-sent request
 *                        included), 1..3600 s
 * @param tls             optional HTTPS on the same port
 */
public record ApiConfig(String bindAddress, int port, int tokenTtlSeconds, int idleTimeoutSeconds, Tls tls) {

    public ApiConfig {
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new IllegalArgumentException("bindAddress: must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: must be 0..65535 (0 = any free port), was " + port);
        }
        if (tokenTtlSeconds < 60 || tokenTtlSeconds > 86_400) {
            throw new IllegalArgumentException("tokenTtlSeconds: must be 60..86400, was " + tokenTtlSeconds);
        }
        if (idleTimeoutSeconds < 1 || idleTimeoutSeconds > 3600) {
            throw new IllegalArgumentException("idleTimeoutSeconds: must be 1..3600, was " + idleTimeoutSeconds);
        }
        if (tls == null) {
            throw new IllegalArgumentException("tls: missing");
        }
    }

    /** HTTPS settings; both files are PEM and must exist when enabled. */
    public record Tls(boolean enabled, String certFile, String keyFile) {
        public Tls {
            certFile = certFile == null ? "" : certFile;
            keyFile = keyFile == null ? "" : keyFile;
            if (enabled) {
                requireFile("certFile", certFile);
                requireFile("keyFile", keyFile);
            }
        }

        private static void requireFile(String field, String file) {
            if (file.isBlank()) {
                throw new IllegalArgumentException(field + ": required when tls.enabled is true");
            }
            if (!Files.isReadable(Path.of(file))) {
                throw new IllegalArgumentException(field + ": cannot read '" + file + "'");
            }
        }
    }
}
