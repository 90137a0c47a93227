package org.opendialer.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The served contract is read by code generators we do not control: it must pass a standard OpenAPI 3.1 validator
 * and mean the same to YAML 1.1 parsers (most generators) as to YAML 1.2 ones.
 */
class ContractDocumentTest {

    static String document() throws IOException {
        try (InputStream in = ContractDocumentTest.class.getClassLoader().getResourceAsStream(HttpApi.CONTRACT)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void enumValuesStayStringsUnderYaml11() throws IOException {
        // SnakeYAML implements YAML 1.1, where unquoted on/off/yes/no are booleans.
        Object tree = new Yaml().load(document());
        List<String> found = new ArrayList<>();
        collectBooleanEnums(tree, "#", found);
        assertThat(found).as("enum values a YAML 1.1 parser reads as booleans (quote them)").isEmpty();
    }

    /** One enum casing across the API (README: API conventions): lowerCamelCase, as the seeds' platform writes most. */
    @Test
    void everyEnumValueIsLowerCamelCase() throws IOException {
        List<String> values = new ArrayList<>();
        collectEnums(new Yaml().load(document()), "#", values);
        assertThat(values).as("enum values in the contract").hasSizeGreaterThan(30);
        assertThat(values).as("values not in lowerCamelCase").filteredOn(v -> !v.matches(".* = [a-z][a-zA-Z0-9]*$")).isEmpty();
    }

    @Test
    void passesOpenApi31Validation() throws IOException {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document(), null, options);
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.1");
        assertThat(result.getMessages()).as("validation messages").isEmpty();
    }

    @Test
    void validatorReportsABrokenDocument() throws IOException {
        // Guards the check above against passing vacuously: an operation without responses must be reported.
        String broken = document().replaceFirst("(?m)^      responses:", "      responzes:");
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(broken, null, new ParseOptions());
        assertThat(result.getMessages()).isNotEmpty();
    }

    private static void collectEnums(Object node, String path, List<String> found) {
        if (node instanceof Map<?, ?> map) {
            if (map.get("enum") instanceof List<?> values) {
                for (int i = 0; i < values.size(); i++) {
                    found.add(path + "/enum/" + i + " = " + values.get(i));
                }
            }
            map.forEach((k, v) -> collectEnums(v, path + "/" + k, found));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                collectEnums(list.get(i), path + "/" + i, found);
            }
        }
    }

    /** Paths of enum entries (and string defaults) that came out as Boolean in a schema not of type boolean. */
    private static void collectBooleanEnums(Object node, String path, List<String> found) {
        if (node instanceof Map<?, ?> map) {
            boolean stringish = !"boolean".equals(map.get("type"));
            if (stringish && map.get("enum") instanceof List<?> values) {
                for (int i = 0; i < values.size(); i++) {
                    if (values.get(i) instanceof Boolean b) {
                        found.add(path + "/enum/" + i + " = " + b);
                    }
                }
            }
            if (stringish && map.get("default") instanceof Boolean b) {
                found.add(path + "/default = " + b);
            }
            map.forEach((k, v) -> collectBooleanEnums(v, path + "/" + k, found));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                collectBooleanEnums(list.get(i), path + "/" + i, found);
            }
        }
    }
}
