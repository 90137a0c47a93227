package org.opendialer.ivr.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.opendialer.call.CallSession;
import org.opendialer.call.CallSessions;
import org.opendialer.ivr.flow.DidRoutes;
import org.opendialer.ivr.flow.FlowVersion;
import org.opendialer.sip.InboundCall;
import org.opendialer.sip.Q850;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs flows on calls. Inbound: {@link #takeCalls} routes every DID ({@code *}) here once and each call's DID is
 * resolved when it arrives, so DID routes changed over the API apply to the next call without a restart; the
 * version resolved then is pinned for the whole call. Each execution runs on its own virtual thread with the
 * session's blocking verbs (never on the session's executor); an overflow to another flow runs on the same thread
 * as the next execution of the call.
 */
public final class FlowExecutor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FlowExecutor.class);
    /** Overflows one call may take from flow to flow before it is ended (a queue overflowing into itself). */
    static final int MAX_OVERFLOWS = 5;

    private final FlowRuntime runtime;
    private final DidRoutes dids;
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("flow-", 0).factory());
    private final AtomicInteger running = new AtomicInteger();

    public FlowExecutor(FlowRuntime runtime, DidRoutes dids) {
        this.runtime = runtime;
        this.dids = dids;
    }

    /** Takes every inbound call of {@code sessions}: a routed DID runs its flow, any other is refused (Q.850 1). */
    public void takeCalls(CallSessions sessions) {
        sessions.route("*", session -> threads.execute(() -> inbound(session)));
    }

    /**
     * Runs {@code version} on an answered session (e.g. an outbound campaign's live answer) on a new virtual thread.
     *
     * @param inputs the flow's declared inputs (contact columns), and for an outbound call {@code calledNumber} (the
     *               customer's number: {@code optOut} blocks it) and {@code callerNumber} (the caller ID shown)
     * @return completes with how the call's last execution ended
     */
    public CompletableFuture<ExecutionOutcome> start(CallSession session, FlowVersion version, Map<String, String> inputs) {
        return CompletableFuture.supplyAsync(() -> execute(session, version, inputs, false), threads);
    }

    /** Executions running now. */
    public int running() {
        return running.get();
    }

    private void inbound(CallSession session) {
        String did = session.inbound().map(InboundCall::did).orElse("");
        Optional<FlowVersion> version;
        try {
            version = dids.resolve(did);
        } catch (RuntimeException e) {
            LOG.error("cannot resolve DID {} for call {}; refusing it", did, session.callId(), e);
            session.reject(Q850.TEMPORARY_FAILURE);
            return;
        }
        if (version.isEmpty()) {
            LOG.info("call {} to {} refused: no flow is routed (and published) for this DID", session.callId(), did);
            session.reject(Q850.UNALLOCATED_NUMBER);
            return;
        }
        execute(session, version.get(), Map.of(), true);
    }

    private ExecutionOutcome execute(CallSession session, FlowVersion first, Map<String, String> inputs, boolean answer) {
        running.incrementAndGet();
        MDC.put("callId", session.callId());
        try {
            Map<String, String> participantData = new LinkedHashMap<>();
            FlowVersion version = first;
            UUID previous = null;
            for (int hop = 0; ; hop++) {
                MDC.put("flowId", version.flowId().toString());
                FlowRun run = new FlowRun(runtime, session, version, inputs, participantData).begin(previous);
                if (hop == 0 && answer && !answered(session)) {
                    return run.end(new FlowRun.Ending(ExecutionOutcome.CALLER_HUNG_UP, "before the answer", null)).outcome();
                }
                FlowRun.Ending ending = run.run();
                if (ending.next() == null) {
                    return ending.outcome();
                }
                if (hop == MAX_OVERFLOWS) {
                    LOG.warn("call {} overflowed {} times; ending it", session.callId(), MAX_OVERFLOWS + 1);
                    session.hangup(Q850.NORMAL_CLEARING);
                    return ending.outcome();
                }
                previous = run.id;
                version = ending.next();
            }
        } catch (RuntimeException e) { // e.g. the trace cannot be written: never leave the caller in silence
            LOG.error("flow execution on call {} failed; hanging up", session.callId(), e);
            session.hangup(Q850.TEMPORARY_FAILURE);
            return ExecutionOutcome.ERROR;
        } finally {
            running.decrementAndGet();
            MDC.clear();
        }
    }

    /**
     * Answers and waits for the caller's ACK. Starting on our 200 instead ({@link CallSession#sendAnswer}) was
     * measured worse at 200 callers (ivr/BENCH.md, 2026-12-02 16:50–16:55): the flows then compete for the CPU with
     * the burst's call setup.
     */
    private static boolean answered(CallSession session) {
        try {
            session.answer().join();
            return true;
        } catch (RuntimeException e) {
            LOG.info("call {} ended before it was answered: {}", session.callId(), e.getMessage());
            return false;
        }
    }

    /** Stops taking new executions; running ones end with their calls (the call service hangs them up at stop). */
    @Override
    public void close() {
        threads.shutdown();
    }
}
