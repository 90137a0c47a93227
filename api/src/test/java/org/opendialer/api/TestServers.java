package org.opendialer.api;

import java.nio.file.Path;
import java.util.Map;
import org.opendialer.api.config.ConfigLoader;
import org.opendialer.api.config.DialerConfig;
import org.opendialer.api.server.DialerServer;

/** Boots whole nodes for tests: random API port, embedded PostgreSQL in a temporary directory. */
final class TestServers {

    private TestServers() {
    }

    static DialerConfig config(Path dataDir) {
        return new ConfigLoader().load(null, Map.of("DIALER_API_PORT", "0", "DIALER_SIP_PORT", "0", "DIALER_DATA_DIR", dataDir.toString()));
    }

    static DialerServer start(Path dataDir, Map<String, String> env) {
        return DialerServer.start(config(dataDir), env);
    }
}
