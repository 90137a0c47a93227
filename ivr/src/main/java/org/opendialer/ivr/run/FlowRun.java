package org.opendialer.ivr.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.opendialer.call.CallSession;
import org.opendialer.call.SessionEndedException;
import org.opendialer.ivr.flow.Flow;
import org.opendialer.ivr.flow.FlowTemplates;
import org.opendialer.ivr.flow.FlowVersion;
import org.opendialer.ivr.flow.Node;
import org.opendialer.sip.InboundCall;
import org.opendialer.sip.Q850;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution of a pinned flow version on a call, run on the calling (virtual) thread from start to end: each
 * node through {@link NodeSteps}, each step handed to the trace writer as it ends. It always ends: the
 * caller hanging up ends it {@code callerHungUp}; a node that throws is logged, traced {@code error}, and the call
 * is hung up with cause 41 so the caller is never left in silence.
 */
final class FlowRun {

    private static final Logger LOG = LoggerFactory.getLogger(FlowRun.class);
    /** A guard against a flow looping forever on a path the validator let through (e.g. a menu loop). */
    static final int MAX_STEPS = 500;

    /** How the run ended; {@code next} is the version to run after an overflow, else null. */
    record Ending(ExecutionOutcome outcome, String detail, FlowVersion next) {
    }

    final UUID id = UUID.randomUUID();
    final FlowRuntime rt;
    final CallSession session;
    final FlowVersion version;
    final Flow flow;
    final Map<String, Object> variables = new LinkedHashMap<>();
    final Map<String, String> participantData;
    List<String> skills = new ArrayList<>();
    Integer priority;
    String language;

    /**
     * @param inputs          the starter's variables (an outbound campaign's columns)
     * @param participantData shared with the run this one follows after an overflow
     */
    FlowRun(FlowRuntime rt, CallSession session, FlowVersion version, Map<String, String> inputs,
            Map<String, String> participantData) {
        this.rt = rt;
        this.session = session;
        this.version = version;
        this.flow = version.flow();
        this.participantData = participantData;
        this.language = flow.language();
        InboundCall in = session.inbound().orElse(null);
        variables.putAll(inputs);
        variables.put("callerNumber", in == null ? inputs.getOrDefault("callerNumber", "") : in.caller());
        variables.put("calledNumber", in == null ? inputs.getOrDefault("calledNumber", "") : in.did());
        variables.put("callId", session.callId());
        variables.put("direction", in == null ? "outbound" : "inbound");
    }

    String render(String template) {
        return FlowTemplates.render(template, variables);
    }

    /** Records the start in the trace (before the call is answered, so the caller does not wait for it). */
    FlowRun begin(UUID previousId) {
        Instant at = rt.clock().instant();
        written(rt.trace().started(id, session.callId(), version.flowId(), version.id(),
                (String) variables.get("calledNumber"), (String) variables.get("callerNumber"), at, previousId));
        return this;
    }

    /** Runs the nodes to the end and waits until the whole trace is written. */
    Ending run() {
        return end(steps());
    }

    /** Ends the execution without running a node (e.g. the caller hung up before the answer). */
    Ending end(Ending ending) {
        Instant at = rt.clock().instant();
        Map<String, Object> vars = new LinkedHashMap<>(variables);
        Map<String, String> data = new LinkedHashMap<>(participantData);
        // the writer keeps order: once the end row is committed, so is every row of the execution before it
        try {
            written(rt.trace().ended(id, at, ending.outcome(), ending.detail(), vars, data)).get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.warn("trace of execution {} not written within 30 s", id);
        } catch (ExecutionException e) {
            // logged by written()
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("flow {} v{} on {} ended {}{}", flow.name(), version.number(), session.callId(),
                ending.outcome().slug(), ending.detail() == null ? "" : ": " + ending.detail());
        return ending;
    }

    /**
     * Trace rows are queued on the node's trace writer, in order, a few milliseconds behind the flow, so a busy
     * database never delays what the caller hears next.
     */
    private CompletableFuture<Void> written(CompletableFuture<Void> row) {
        return row.whenComplete((ok, e) -> {
            if (e != null) {
                LOG.error("trace of execution {} on call {}: a row was not written", id, session.callId(), e);
            }
        });
    }

    private Ending steps() {
        NodeSteps steps = new NodeSteps(this);
        String nodeId = flow.start();
        for (int seq = 1; ; seq++) {
            if (session.ended().isDone()) {
                return new Ending(ExecutionOutcome.CALLER_HUNG_UP, "before " + nodeId, null);
            }
            Node node = flow.nodes().get(nodeId);
            Instant at = rt.clock().instant();
            long t0 = System.nanoTime();
            NodeSteps.Step s;
            try {
                if (seq > MAX_STEPS) {
                    throw new IllegalStateException("more than " + MAX_STEPS + " steps: the flow loops");
                }
                s = steps.run(node);
            } catch (RuntimeException e) {
                boolean hungUp = callerHungUp(e);
                String detail = hungUp ? null : String.valueOf(e.getMessage());
                trace(seq, node, at, t0, hungUp ? ExecutionOutcome.CALLER_HUNG_UP.slug() : "error", detail);
                if (hungUp) {
                    return new Ending(ExecutionOutcome.CALLER_HUNG_UP, "during " + node.id(), null);
                }
                LOG.error("flow {} node {} failed on call {}; hanging up", flow.name(), node.id(), session.callId(), e);
                session.hangup(Q850.TEMPORARY_FAILURE);
                return new Ending(ExecutionOutcome.ERROR, node.id() + ": " + detail, null);
            }
            trace(seq, node, at, t0, s.outcome(), s.detail());
            if (s.end() != null) {
                return new Ending(s.end(), s.endDetail(), s.nextVersion());
            }
            if (s.next() == null) {
                session.hangup(Q850.NORMAL_CLEARING);
                return new Ending(ExecutionOutcome.ENDED, node.id() + ": no " + s.outcome() + " branch", null);
            }
            nodeId = s.next();
        }
    }

    private void trace(int seq, Node node, Instant at, long t0, String outcome, String detail) {
        FlowExecutions.Step step = new FlowExecutions.Step(seq, node.id(), NodeSteps.type(node), at,
                (System.nanoTime() - t0) / 1_000_000, outcome, detail);
        written(rt.trace().step(id, step));
    }

    /** True when {@code e} (or its cause) says the session ended, or the session has ended anyway. */
    boolean callerHungUp(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SessionEndedException) {
                return true;
            }
        }
        return session.ended().isDone();
    }
}
