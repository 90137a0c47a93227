package org.opendialer.ivr.flow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opendialer.ivr.flow.FlowIssue.Code;

/**
 * "Used before set" as a forward must-analysis over the flow graph: a variable is defined at a node when every path
 * from the start to it passes a node that sets it on the branch taken (collect on {@code next}, a data action's
 * outputs on {@code success}, ...). Iterates to a fixed point, so loops are handled; templates and expressions that
 * do not parse are reported here too, at their field.
 */
final class VariableCheck {

    /** A field that reads variables. */
    private record Use(String field, String text, boolean expression) {
    }

    private final Flow flow;
    private final List<FlowIssue> issues;

    VariableCheck(Flow flow, List<FlowIssue> issues) {
        this.flow = flow;
        this.issues = issues;
    }

    void run(Set<String> reachable) {
        Set<String> initial = new HashSet<>(Flow.SYSTEM_VARIABLES);
        initial.addAll(flow.inputs());
        Set<String> universe = new HashSet<>(initial);
        flow.nodes().values().forEach(n -> n.edges().forEach(e -> universe.addAll(sets(n, e.field()))));

        Map<String, Set<String>> in = new HashMap<>();
        reachable.forEach(id -> in.put(id, new HashSet<>(universe)));
        if (in.containsKey(flow.start())) {
            in.put(flow.start(), new HashSet<>(initial));
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String id : reachable) {
                Node n = flow.nodes().get(id);
                for (Node.Edge e : n.edges()) {
                    Set<String> target = e.target() == null ? null : in.get(e.target());
                    if (target == null) {
                        continue;
                    }
                    Set<String> out = new HashSet<>(in.get(id));
                    out.addAll(sets(n, e.field()));
                    changed |= target.retainAll(out);
                }
            }
        }
        for (String id : reachable) {
            for (Use u : uses(flow.nodes().get(id))) {
                check(id, u, in.get(id));
            }
        }
    }

    private void check(String id, Use u, Set<String> defined) {
        String pointer = "/nodes/" + FlowIssue.token(id) + "/" + u.field();
        Set<String> read;
        try {
            read = u.expression() ? Expressions.variables(u.text()) : FlowTemplates.variables(u.text());
        } catch (IllegalArgumentException e) {
            issues.add(FlowIssue.error(Code.INVALID_FIELD, pointer, (u.expression() ? "expression" : "template")
                    + " does not parse: " + e.getMessage()));
            return;
        }
        for (String v : new LinkedHashSet<>(read)) {
            if (!defined.contains(v)) {
                issues.add(FlowIssue.error(Code.UNDEFINED_VARIABLE, pointer, "variable '" + v
                        + "' may be read before it is set (some path from '" + flow.start() + "' to '" + id
                        + "' never sets it)"));
            }
        }
    }

    /** Variables a node sets when it leaves by the branch in {@code field}. */
    static Set<String> sets(Node n, String field) {
        return switch (n) {
            case Node.Collect c when field.equals("next") -> Set.of(c.variable());
            case Node.Menu m when m.variable() != null && field.startsWith("choices/") -> Set.of(m.variable());
            case Node.DataAction a when field.equals("success") -> a.outputs().keySet();
            case Node.RecordMessage r when r.variable() != null && field.equals("next") -> Set.of(r.variable());
            default -> Set.of();
        };
    }

    private static List<Use> uses(Node n) {
        List<Use> out = new ArrayList<>();
        switch (n) {
            case Node.Say s -> out.add(new Use("text", s.text(), false));
            case Node.Play p -> out.add(new Use("prompt", p.prompt(), false));
            case Node.Menu m -> {
                out.add(new Use("prompt", m.prompt(), false));
                if (m.invalidPrompt() != null) {
                    out.add(new Use("invalidPrompt", m.invalidPrompt(), false));
                }
            }
            case Node.Collect c when c.prompt() != null -> out.add(new Use("prompt", c.prompt(), false));
            case Node.DataAction a -> a.inputs().forEach((k, v) -> out.add(new Use("inputs/" + FlowIssue.token(k), v, false)));
            case Node.Decision d -> {
                for (int i = 0; i < d.branches().size(); i++) {
                    out.add(new Use("branches/" + i + "/if", d.branches().get(i).expression(), true));
                }
            }
            case Node.SetData s -> s.values().forEach((k, v) -> out.add(new Use("values/" + FlowIssue.token(k), v, false)));
            case Node.SetSkills s -> {
                for (int i = 0; i < s.skills().size(); i++) {
                    out.add(new Use("skills/" + i, s.skills().get(i), false));
                }
            }
            case Node.SetLanguage l -> out.add(new Use("language", l.language(), false));
            case Node.TransferToQueue q -> out.add(new Use("queue", q.queue(), false));
            case Node.TransferToNumber t -> out.add(new Use("number", t.number(), false));
            case Node.RecordMessage r when r.prompt() != null -> out.add(new Use("prompt", r.prompt(), false));
            default -> { }
        }
        return out;
    }
}
