package org.opendialer.ivr.data;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opendialer.ivr.flow.FlowTemplates;

/**
 * A data action's JSON answer to outputs, with Jayway JsonPath: JSONPath outputs first (a path that finds nothing
 * gives null), then template outputs over the inputs and those values (a record URL built from its id).
 */
public final class ResponseMapping {

    private static final Configuration JSON = Configuration.builder().jsonProvider(new JacksonJsonProvider())
            .mappingProvider(new JacksonMappingProvider())
            .options(Option.DEFAULT_PATH_LEAF_TO_NULL, Option.SUPPRESS_EXCEPTIONS).build();

    private ResponseMapping() {
    }

    /**
     * @throws com.jayway.jsonpath.InvalidJsonException when {@code body} is not JSON
     */
    public static DataActionResult map(DataActionDefinition action, String body, Map<String, ?> inputs) {
        DocumentContext doc = JsonPath.using(JSON).parse(body);
        if (action.recordPath() != null && empty(doc.read(action.recordPath()))) {
            return new DataActionResult.NotFound("no record at " + action.recordPath());
        }
        Map<String, Object> outputs = new LinkedHashMap<>();
        action.outputs().forEach((name, path) -> {
            if (path.startsWith("$")) {
                outputs.put(name, doc.read(path));
            }
        });
        Map<String, Object> scope = new HashMap<>(inputs);
        scope.putAll(outputs);
        action.outputs().forEach((name, template) -> {
            if (!template.startsWith("$")) {
                outputs.put(name, FlowTemplates.render(template, scope));
            }
        });
        return new DataActionResult.Success(outputs);
    }

    /** Reads the action's JSONPaths from an empty answer: loads JsonPath and fills its path cache ({@link DataActions#warmUp}). */
    static void warmUp(DataActionDefinition action) {
        DocumentContext doc = JsonPath.using(JSON).parse("{}");
        if (action.recordPath() != null) {
            doc.read(action.recordPath());
        }
        action.outputs().values().stream().filter(p -> p.startsWith("$")).forEach(doc::read);
    }

    private static boolean empty(Object found) {
        return found == null || found instanceof Collection<?> c && c.isEmpty() || found instanceof Map<?, ?> m && m.isEmpty()
                || found instanceof String s && s.isEmpty();
    }
}
