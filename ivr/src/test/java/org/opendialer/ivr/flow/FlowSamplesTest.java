package org.opendialer.ivr.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.opendialer.ivr.data.DataActionConfig;

/** The sample flows shipped in conf/flows parse and validate without an issue, their data actions included. */
class FlowSamplesTest {

    static final Path SAMPLES = Path.of("..", "conf", "flows");
    static final String ACTIONS = "data-actions.yaml";

    /** The sample flows' queues, and the actions the sample data-actions file defines. */
    static FlowValidator.Directory directory() throws IOException {
        Set<String> actions = new java.util.HashSet<>();
        DataActionConfig.parse(Files.readString(SAMPLES.resolve(ACTIONS)), Map.of("CRM_CLIENT_SECRET", "x", "ORDERS_TOKEN", "y"))
                .forEach(a -> actions.add(a.name()));
        return new FlowValidator.Directory(Set.of("support", "premium-support")::contains, actions::contains);
    }

    @Test
    void everySampleValidates() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(SAMPLES)) {
            files = s.filter(p -> p.toString().endsWith(".yaml") && !p.endsWith(ACTIONS)).sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("crm-inbound.yaml", "outbound-notice.yaml");
        for (Path p : files) {
            assertThat(FlowValidator.check(Files.readString(p), directory())).as(p.toString()).isEmpty();
        }
    }

    @Test
    void theSeedFlowHasEveryStepOfTheUseCase() throws IOException {
        Flow flow = FlowParser.parse(Files.readString(SAMPLES.resolve("crm-inbound.yaml"))).flow();
        assertThat(flow.nodes().get(flow.start())).isInstanceOfSatisfying(Node.DataAction.class, a -> {
            assertThat(a.inputs()).containsEntry("phone", "{{callerNumber}}");
            assertThat(a.notFound()).isEqualTo("askAccount");
        });
        assertThat(flow.nodes().values()).hasAtLeastOneElementOfType(Node.Collect.class)
                .hasAtLeastOneElementOfType(Node.SetData.class).hasAtLeastOneElementOfType(Node.SetSkills.class)
                .hasAtLeastOneElementOfType(Node.Decision.class).hasAtLeastOneElementOfType(Node.TransferToQueue.class);
    }
}
