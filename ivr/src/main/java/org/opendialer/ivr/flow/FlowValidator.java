package org.opendialer.ivr.flow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.opendialer.ivr.flow.FlowIssue.Code;

/**
 * Checks a parsed flow as a graph: every branch present and pointing at a node, every node reachable from the
 * start, no loop without a way out to a terminal node, every variable set on every path before it is read, at most
 * {@value #MAX_SKILLS} skills. Queues and data actions the directory does not know are warnings (they may be
 * created after the flow). Each issue carries the JSON pointer of the node or field at fault.
 */
public final class FlowValidator {

    public static final int MAX_SKILLS = 5;

    /** What the flow may refer to outside itself; a null predicate means "not checked". */
    public record Directory(Predicate<String> queueExists, Predicate<String> actionExists) {
        public static final Directory UNCHECKED = new Directory(null, null);
    }

    private final Flow flow;
    private final Directory directory;
    private final List<FlowIssue> issues = new ArrayList<>();

    private FlowValidator(Flow flow, Directory directory) {
        this.flow = flow;
        this.directory = directory;
    }

    /** Parses and validates; the issues of both steps (parsing stops at its own). */
    public static List<FlowIssue> check(String document, Directory directory) {
        FlowParser.Result parsed = FlowParser.parse(document);
        return parsed.flow() == null ? parsed.issues() : validate(parsed.flow(), directory);
    }

    public static List<FlowIssue> validate(Flow flow, Directory directory) {
        FlowValidator v = new FlowValidator(flow, directory);
        v.branches();
        Set<String> reachable = v.reachable();
        v.loops(reachable);
        new VariableCheck(flow, v.issues).run(reachable);
        v.references();
        return List.copyOf(v.issues);
    }

    private static String at(String node) {
        return "/nodes/" + FlowIssue.token(node);
    }

    private void branches() {
        if (!flow.nodes().containsKey(flow.start())) {
            issues.add(FlowIssue.error(Code.UNKNOWN_NODE, "/start", "start node '" + flow.start() + "' is not defined"));
        }
        for (Node n : flow.nodes().values()) {
            if (n instanceof Node.Menu m && m.choices().isEmpty()) {
                issues.add(FlowIssue.error(Code.MISSING_BRANCH, at(n.id()) + "/choices", "menu '" + n.id() + "' offers no choice"));
            }
            for (Node.Edge e : n.edges()) {
                String pointer = at(n.id()) + "/" + e.field();
                if (e.target() == null) {
                    issues.add(FlowIssue.error(Code.MISSING_BRANCH, pointer, missing(n, e.field())));
                } else if (!flow.nodes().containsKey(e.target())) {
                    issues.add(FlowIssue.error(Code.UNKNOWN_NODE, pointer, "'" + e.target() + "' is not a node of this flow"));
                }
            }
        }
    }

    private static String missing(Node n, String field) {
        return switch (n) {
            case Node.Decision d when field.equals("else") -> "decision '" + n.id() + "' has no 'else' branch";
            case Node.Menu m when field.startsWith("choices/") -> "menu choice " + field.substring(8) + " of '"
                    + n.id() + "' leads nowhere";
            case Node.DataAction a -> "data action '" + n.id() + "' needs a '" + field + "' branch";
            default -> "node '" + n.id() + "' needs a '" + field + "' branch";
        };
    }

    private Set<String> reachable() {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        if (flow.nodes().containsKey(flow.start())) {
            todo.add(flow.start());
        }
        while (!todo.isEmpty()) {
            String id = todo.poll();
            if (seen.add(id)) {
                successors(id).forEach(todo::add);
            }
        }
        for (String id : flow.nodes().keySet()) {
            if (!seen.contains(id) && flow.nodes().containsKey(flow.start())) {
                issues.add(FlowIssue.error(Code.UNREACHABLE_NODE, at(id), "node '" + id + "' can never be reached from '"
                        + flow.start() + "'"));
            }
        }
        return seen;
    }

    private List<String> successors(String id) {
        List<String> out = new ArrayList<>();
        for (Node.Edge e : flow.nodes().get(id).edges()) {
            if (e.target() != null && flow.nodes().containsKey(e.target())) {
                out.add(e.target());
            }
        }
        return out;
    }

    /**
     * A loop without exit: reachable nodes from which no terminal node can be reached and which lie on a cycle.
     * Nodes with a missing branch are skipped (already reported, and the missing branch may be the exit).
     */
    private void loops(Set<String> reachable) {
        Map<String, List<String>> preds = new HashMap<>();
        Set<String> broken = new HashSet<>();
        for (Node n : flow.nodes().values()) {
            successors(n.id()).forEach(s -> preds.computeIfAbsent(s, k -> new ArrayList<>()).add(n.id()));
            if (n.edges().stream().anyMatch(e -> e.target() == null || !flow.nodes().containsKey(e.target()))) {
                broken.add(n.id());
            }
        }
        Set<String> canExit = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        flow.nodes().values().stream().filter(n -> n.terminal() || broken.contains(n.id())).forEach(n -> todo.add(n.id()));
        while (!todo.isEmpty()) {
            String id = todo.poll();
            if (canExit.add(id)) {
                todo.addAll(preds.getOrDefault(id, List.of()));
            }
        }
        Set<String> reported = new HashSet<>();
        for (String id : reachable) {
            if (canExit.contains(id) || reported.contains(id)) {
                continue;
            }
            Set<String> loop = cycleThrough(id, canExit);
            if (!loop.isEmpty()) {
                reported.addAll(loop);
                issues.add(FlowIssue.error(Code.LOOP_WITHOUT_EXIT, at(id), "nodes " + loop
                        + " form a loop with no branch out to a hang-up or transfer"));
            }
        }
    }

    /** The nodes that are both reachable from {@code id} and reach it back, among those with no exit. */
    private Set<String> cycleThrough(String id, Set<String> canExit) {
        Set<String> forward = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(successors(id));
        while (!todo.isEmpty()) {
            String n = todo.poll();
            if (!canExit.contains(n) && forward.add(n)) {
                todo.addAll(successors(n));
            }
        }
        if (!forward.contains(id)) {
            return Set.of();
        }
        Set<String> loop = new LinkedHashSet<>();
        for (String n : flow.nodes().keySet()) {
            if (forward.contains(n) && (n.equals(id) || reaches(n, id, canExit))) {
                loop.add(n);
            }
        }
        return loop;
    }

    private boolean reaches(String from, String to, Set<String> canExit) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(from));
        while (!todo.isEmpty()) {
            String n = todo.poll();
            if (n.equals(to)) {
                return true;
            }
            if (!canExit.contains(n) && seen.add(n)) {
                todo.addAll(successors(n));
            }
        }
        return false;
    }

    private void references() {
        for (Node n : flow.nodes().values()) {
            switch (n) {
                case Node.SetSkills s when s.skills().size() > MAX_SKILLS -> issues.add(FlowIssue.error(Code.TOO_MANY_SKILLS,
                        at(n.id()) + "/skills", "an interaction needs at most " + MAX_SKILLS + " skills; '" + n.id()
                                + "' sets " + s.skills().size()));
                case Node.TransferToQueue q when directory.queueExists() != null && !q.queue().contains("{{")
                        && !directory.queueExists().test(q.queue()) -> issues.add(FlowIssue.warning(Code.UNKNOWN_QUEUE,
                        at(n.id()) + "/queue", "no queue named '" + q.queue() + "' exists yet"));
                case Node.DataAction a when directory.actionExists() != null && !directory.actionExists().test(a.action())
                        -> issues.add(FlowIssue.warning(Code.UNKNOWN_ACTION, at(n.id()) + "/action",
                        "no data action named '" + a.action() + "' is configured"));
                default -> { }
            }
        }
    }
}
