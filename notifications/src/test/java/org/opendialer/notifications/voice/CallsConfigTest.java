package org.opendialer.notifications.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class CallsConfigTest {

    @Test
    void theNodeIdDefaultsToTheHostNameSoItSurvivesARestart() throws Exception {
        assertThat(CallsConfig.defaults().nodeId()).isEqualTo(InetAddress.getLocalHost().getHostName());
        assertThat(new CallsConfig("US", "  ").nodeId()).isEqualTo(InetAddress.getLocalHost().getHostName());
        assertThat(new CallsConfig("US", " dialer-2 ").nodeId()).isEqualTo("dialer-2");
    }
}
