package org.opendialer.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.sip.SipConfig;

/** sip.admission is read from the file (the commented block of conf/dialer.yaml), and defaults when absent. */
class SipAdmissionConfigTest {

    @TempDir
    Path tmp;

    @Test
    void admissionFromTheFile() throws Exception {
        Path f = tmp.resolve("d.yaml");
        Files.writeString(f, """
                sip:
                  admission:
                    setupsAtOnce: 12
                    maxWaiting: 300
                    retryAfterSeconds: 7
                """);
        SipConfig.Admission a = new ConfigLoader().load(f, Map.of()).sip().admission();
        assertThat(a.setupsAtOnce()).isEqualTo(12);
        assertThat(a.maxWaiting()).isEqualTo(300);
        assertThat(a.retryAfterSeconds()).isEqualTo(7);
    }

    @Test
    void absentMeansDefaults() throws Exception {
        Path f = tmp.resolve("d.yaml");
        Files.writeString(f, "calls:\n  nodeId: n1\n");
        assertThat(new ConfigLoader().load(f, Map.of()).sip().admission()).isEqualTo(SipConfig.Admission.defaults());
    }
}
