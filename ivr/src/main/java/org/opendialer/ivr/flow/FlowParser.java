package org.opendialer.ivr.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.opendialer.ivr.flow.FlowIssue.Code;

/**
 * Turns a flow document (YAML, or JSON, which is YAML) into a {@link Flow}. Every problem found is reported with a
 * JSON pointer; the flow is returned only when there is none (then {@link FlowValidator} checks the graph).
 */
public final class FlowParser {

    /** Node types by their document name. */
    public static final List<String> TYPES = List.of("say", "play", "menu", "collect", "dataAction", "decision",
            "setData", "setSkills", "setPriority", "setLanguage", "transferToQueue", "transferToNumber", "optOut",
            "record", "hangup");
    private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** A flow, or the reasons there is none. */
    public record Result(Flow flow, List<FlowIssue> issues) {
        public Result {
            issues = List.copyOf(issues);
        }
    }

    private FlowParser() {
    }

    public static Result parse(String document) {
        try {
            JsonNode tree = YAML.readTree(document == null ? "" : document);
            return parse(tree);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            return new Result(null, List.of(FlowIssue.error(Code.SYNTAX, "", "the document does not parse" + where
                    + ": " + e.getOriginalMessage())));
        }
    }

    public static Result parse(JsonNode tree) {
        List<FlowIssue> issues = new ArrayList<>();
        if (tree == null || !tree.isObject()) {
            return new Result(null, List.of(FlowIssue.error(Code.SYNTAX, "", "a flow document is a map with name, start and nodes")));
        }
        NodeFields top = new NodeFields(tree, "", issues);
        String name = top.text("name");
        String description = top.optionalText("description");
        String language = top.optionalText("language");
        String start = top.text("start");
        Set<String> inputs = new LinkedHashSet<>();
        if (tree.has("inputs")) {
            List<String> declared = top.list("inputs");
            for (int i = 0; i < declared.size(); i++) {
                if (!VARIABLE.matcher(declared.get(i)).matches()) {
                    issues.add(FlowIssue.error(Code.INVALID_FIELD, "/inputs/" + i, "'" + declared.get(i)
                            + "' is not a variable name (letters, digits, _)"));
                }
                inputs.add(declared.get(i));
            }
        }
        Map<String, Node> nodes = new LinkedHashMap<>();
        JsonNode nodesTree = top.raw("nodes");
        if (nodesTree == null || !nodesTree.isObject() || nodesTree.isEmpty()) {
            issues.add(FlowIssue.error(Code.MISSING_FIELD, "/nodes", "'nodes' must map node ids to nodes"));
        } else {
            nodesTree.properties().forEach(e -> {
                Node n = node(e.getKey(), e.getValue(), issues);
                if (n != null) {
                    nodes.put(e.getKey(), n);
                }
            });
        }
        top.finish();
        if (!issues.isEmpty()) {
            return new Result(null, issues);
        }
        return new Result(new Flow(name, description == null ? "" : description, language == null ? "en" : language,
                inputs, start, nodes), issues);
    }

    private static Node node(String id, JsonNode tree, List<FlowIssue> issues) {
        String at = "/nodes/" + FlowIssue.token(id);
        if (!ID.matcher(id).matches()) {
            issues.add(FlowIssue.error(Code.INVALID_FIELD, at, "node id '" + id
                    + "' must start with a letter and hold only letters, digits, _ and - (at most 64)"));
            return null;
        }
        if (!tree.isObject()) {
            issues.add(FlowIssue.error(Code.SYNTAX, at, "a node is a map with a type"));
            return null;
        }
        JsonNode type = tree.get("type");
        if (type == null || !type.isTextual()) {
            issues.add(FlowIssue.error(Code.MISSING_FIELD, at + "/type", "node '" + id + "' has no type; one of " + TYPES));
            return null;
        }
        NodeFields f = new NodeFields(tree, at, issues);
        Node n = switch (type.asText()) {
            case "say" -> new Node.Say(id, f.text("text"), f.target("next"));
            case "play" -> new Node.Play(id, f.text("prompt"), f.target("next"));
            case "menu" -> new Node.Menu(id, f.text("prompt"), choices(f, issues), f.millis("timeoutMs", 5000),
                    f.integer("retries", 2, 0, 10), f.optionalText("invalidPrompt"), variable(f, "variable", false, issues),
                    f.target("noInput"), f.target("invalid"));
            case "collect" -> collect(id, f, issues);
            case "dataAction" -> new Node.DataAction(id, f.text("action"), f.map("inputs", false), outputs(f, issues),
                    f.millis("timeoutMs", 2000), f.target("success"), f.target("notFound"), f.target("failure"));
            case "decision" -> new Node.Decision(id, branches(f, issues), f.target("else"));
            case "setData" -> new Node.SetData(id, f.map("values", true), f.target("next"));
            case "setSkills" -> new Node.SetSkills(id, f.list("skills"), f.target("next"));
            case "setPriority" -> new Node.SetPriority(id, f.integer("priority", 0, -1000, 1000), f.target("next"));
            case "setLanguage" -> new Node.SetLanguage(id, f.text("language"), f.target("next"));
            case "transferToQueue" -> new Node.TransferToQueue(id, f.text("queue"), f.target("failure"));
            case "transferToNumber" -> new Node.TransferToNumber(id, f.text("number"), f.target("failure"));
            case "optOut" -> new Node.OptOut(id, f.target("next"));
            case "record" -> new Node.RecordMessage(id, f.optionalText("prompt"),
                    java.time.Duration.ofSeconds(f.integer("maxSeconds", 60, 1, 600)),
                    variable(f, "variable", false, issues), f.target("next"));
            case "hangup" -> new Node.Hangup(id);
            default -> {
                issues.add(FlowIssue.error(Code.UNKNOWN_NODE_TYPE, at + "/type", "unknown node type '" + type.asText()
                        + "'; one of " + TYPES));
                yield null;
            }
        };
        if (n != null) {
            f.finish();
        }
        return n;
    }

    private static Node collect(String id, NodeFields f, List<FlowIssue> issues) {
        int min = f.integer("minDigits", 1, 1, 64);
        int max = f.integer("maxDigits", min, 1, 64);
        if (max < min) {
            issues.add(FlowIssue.error(Code.INVALID_FIELD, f.at("maxDigits"), "maxDigits (" + max
                    + ") is below minDigits (" + min + ")"));
        }
        String terminator = f.optionalText("terminator");
        if (terminator != null && !terminator.matches("[0-9*#]")) {
            issues.add(FlowIssue.error(Code.INVALID_FIELD, f.at("terminator"), "terminator must be one DTMF key"));
        }
        return new Node.Collect(id, f.optionalText("prompt"), variable(f, "variable", true, issues), min, max,
                terminator, f.millis("timeoutMs", 5000), f.integer("retries", 2, 0, 10), f.target("next"),
                f.target("noInput"));
    }

    private static Map<String, String> choices(NodeFields f, List<FlowIssue> issues) {
        Map<String, String> choices = f.map("choices", true);
        choices.keySet().forEach(k -> {
            if (!k.matches("[0-9*#]")) {
                issues.add(FlowIssue.error(Code.INVALID_FIELD, f.at("choices") + "/" + FlowIssue.token(k),
                        "a menu choice is one DTMF key (0-9, *, #), not '" + k + "'"));
            }
        });
        return choices;
    }

    private static Map<String, String> outputs(NodeFields f, List<FlowIssue> issues) {
        Map<String, String> outputs = f.map("outputs", false);
        outputs.keySet().forEach(k -> {
            if (!VARIABLE.matcher(k).matches()) {
                issues.add(FlowIssue.error(Code.INVALID_FIELD, f.at("outputs") + "/" + FlowIssue.token(k),
                        "'" + k + "' is not a variable name (letters, digits, _)"));
            }
        });
        return outputs;
    }

    private static String variable(NodeFields f, String field, boolean required, List<FlowIssue> issues) {
        String v = required ? f.text(field) : f.optionalText(field);
        if (v != null && !VARIABLE.matcher(v).matches()) {
            issues.add(FlowIssue.error(Code.INVALID_FIELD, f.at(field), "'" + v + "' is not a variable name"));
        }
        return v;
    }

    private static List<Node.Branch> branches(NodeFields f, List<FlowIssue> issues) {
        JsonNode list = f.raw("branches");
        List<Node.Branch> out = new ArrayList<>();
        if (list == null || !list.isArray() || list.isEmpty()) {
            issues.add(FlowIssue.error(Code.MISSING_FIELD, f.at("branches"), "'branches' must list {if, then} pairs"));
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode b = list.get(i);
            String at = f.at("branches") + "/" + i;
            if (!b.isObject() || !b.path("if").isTextual()) {
                issues.add(FlowIssue.error(Code.MISSING_FIELD, at + "/if", "a branch needs an 'if' expression"));
                continue;
            }
            out.add(new Node.Branch(b.get("if").asText(), b.path("then").isTextual() ? b.get("then").asText() : null));
        }
        return out;
    }
}
