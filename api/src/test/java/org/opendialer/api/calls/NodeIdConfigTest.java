package org.opendialer.api.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.api.config.ConfigLoader;

/** calls.nodeId names the calls a node ends at start: from the file, overridden by DIALER_NODE_ID. */
class NodeIdConfigTest {

    @TempDir
    Path tmp;

    @Test
    void fileThenEnvironment() throws Exception {
        Path f = tmp.resolve("d.yaml");
        Files.writeString(f, "calls:\n  nodeId: from-file\n");
        assertThat(new ConfigLoader().load(f, Map.of()).calls().nodeId()).isEqualTo("from-file");
        assertThat(new ConfigLoader().load(f, Map.of("DIALER_NODE_ID", "from-env")).calls().nodeId())
                .isEqualTo("from-env");
    }
}
