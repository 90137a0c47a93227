package org.opendialer.ivr.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.opendialer.ivr.data.DataActionDefinition.Auth;
import org.opendialer.ivr.data.DataActionDefinition.Request;

/**
 * Data action definitions as a document (see {@code conf/flows/data-actions.yaml}): each a CRM preset
 * ({@code preset: salesforce|zendesk|dynamics}, {@code lookup: phone|account}, {@code baseUrl}) or a request of its
 * own ({@code request}, {@code inputs} patterns, {@code recordPath}, {@code outputs}). A secret written
 * {@code env:NAME} is read from the environment, so the file itself holds none.
 */
public final class DataActionConfig {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private DataActionConfig() {
    }

    /** @throws IllegalArgumentException naming the action and field at fault */
    public static List<DataActionDefinition> parse(String yaml, Map<String, String> env) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("data actions: " + e.getOriginalMessage(), e);
        }
        List<DataActionDefinition> out = new ArrayList<>();
        JsonNode list = root == null ? null : root.get("dataActions");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException("data actions: 'dataActions' must be a list");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode a = list.get(i);
            String at = "dataActions/" + i;
            String name = required(a, "name", at);
            Auth auth = auth(a.path("auth"), env, at + "/auth");
            DataActionDefinition d = a.has("preset") ? preset(a, name, auth, at) : custom(a, name, auth, at);
            if (a.has("timeoutMs")) {
                d = new DataActionDefinition(d.name(), d.request(), d.auth(), d.inputPatterns(), d.recordPath(), d.outputs(),
                        Duration.ofMillis(a.get("timeoutMs").asLong()));
            }
            out.add(d);
        }
        return out;
    }

    private static DataActionDefinition preset(JsonNode a, String name, Auth auth, String at) {
        String lookup = required(a, "lookup", at);
        if (!lookup.equals("phone") && !lookup.equals("account")) {
            throw new IllegalArgumentException(at + "/lookup: phone or account, not '" + lookup + "'");
        }
        boolean byAccount = lookup.equals("account");
        String base = required(a, "baseUrl", at);
        return switch (required(a, "preset", at)) {
            case "salesforce" -> CrmPresets.salesforce(name, base, a.path("apiVersion").asText("62.0"), auth, byAccount);
            case "zendesk" -> CrmPresets.zendesk(name, base, auth, byAccount);
            case "dynamics" -> CrmPresets.dynamics(name, base, auth, byAccount);
            default -> throw new IllegalArgumentException(at + "/preset: salesforce, zendesk or dynamics");
        };
    }

    private static DataActionDefinition custom(JsonNode a, String name, Auth auth, String at) {
        JsonNode r = a.path("request");
        Request request = new Request(r.path("method").asText("GET"), required(r, "url", at + "/request"),
                strings(r.path("query")), strings(r.path("headers")), r.hasNonNull("body") ? r.get("body").asText() : null);
        Map<String, Pattern> inputs = new LinkedHashMap<>();
        strings(a.path("inputs")).forEach((k, v) -> inputs.put(k, Pattern.compile(v)));
        Map<String, String> outputs = strings(a.path("outputs"));
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException(at + "/outputs: at least one output");
        }
        return new DataActionDefinition(name, request, auth, inputs, a.hasNonNull("recordPath") ? a.get("recordPath").asText() : null,
                outputs, Duration.ofSeconds(2));
    }

    private static Auth auth(JsonNode a, Map<String, String> env, String at) {
        return switch (a.path("type").asText("none")) {
            case "none" -> new Auth.None();
            case "basic" -> new Auth.Basic(required(a, "user", at), secret(a, "password", env, at));
            case "bearer" -> new Auth.Bearer(secret(a, "token", env, at));
            case "oauth2" -> new Auth.ClientCredentials(required(a, "tokenUrl", at), required(a, "clientId", at),
                    secret(a, "clientSecret", env, at), a.hasNonNull("scope") ? a.get("scope").asText() : null);
            default -> throw new IllegalArgumentException(at + "/type: none, basic, bearer or oauth2");
        };
    }

    private static String secret(JsonNode a, String field, Map<String, String> env, String at) {
        String v = required(a, field, at);
        if (!v.startsWith("env:")) {
            return v;
        }
        String value = env.get(v.substring(4));
        if (value == null) {
            throw new IllegalArgumentException(at + "/" + field + ": environment variable " + v.substring(4) + " is not set");
        }
        return value;
    }

    private static String required(JsonNode a, String field, String at) {
        JsonNode v = a.get(field);
        if (v == null || !v.isValueNode() || v.asText().isBlank()) {
            throw new IllegalArgumentException(at + "/" + field + " is required");
        }
        return v.asText();
    }

    private static Map<String, String> strings(JsonNode o) {
        Map<String, String> out = new LinkedHashMap<>();
        if (o.isObject()) {
            o.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }
}
