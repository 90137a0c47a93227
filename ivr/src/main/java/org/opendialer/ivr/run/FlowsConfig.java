package org.opendialer.ivr.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.opendialer.ivr.data.DataActionConfig;
import org.opendialer.ivr.data.DataActionDefinition;

/**
 * Where running flows find their files ({@code flows} in {@code conf/dialer.yaml}).
 *
 * @param promptDir    directory of the prompt files {@code play} nodes name; a name cannot leave it
 * @param recordingDir where {@code record} nodes write callers' messages (WAV), created when needed
 * @param dataActions  file of data action definitions ({@code conf/flows/data-actions.yaml} shows the form);
 *                     empty = none, so a flow's data actions take their failure branch
 */
public record FlowsConfig(String promptDir, String recordingDir, String dataActions) {

    public FlowsConfig {
        promptDir = promptDir == null || promptDir.isBlank() ? "conf/prompts" : promptDir.strip();
        recordingDir = recordingDir == null || recordingDir.isBlank() ? "recordings" : recordingDir.strip();
        dataActions = dataActions == null ? "" : dataActions.strip();
    }

    public static FlowsConfig defaults() {
        return new FlowsConfig("", "", "");
    }

    public Prompts prompts() {
        return new Prompts(Path.of(promptDir), Path.of(recordingDir));
    }

    /**
     * The data actions of {@link #dataActions}, secrets written {@code env:NAME} read from {@code env}.
     *
     * @throws IllegalArgumentException naming the file and what is wrong in it
     */
    public List<DataActionDefinition> dataActionDefinitions(Map<String, String> env) {
        if (dataActions.isEmpty()) {
            return List.of();
        }
        try {
            return DataActionConfig.parse(Files.readString(Path.of(dataActions)), env);
        } catch (IOException e) {
            throw new UncheckedIOException("flows.dataActions: cannot read " + dataActions, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("flows.dataActions (" + dataActions + "): " + e.getMessage(), e);
        }
    }
}
