package org.opendialer.ivr.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opendialer.ivr.flow.FlowStore;
import org.opendialer.ivr.flow.FlowValidator;
import org.opendialer.ivr.flow.FlowVersion;
import org.opendialer.store.testing.TestDb;

/**
 * The node's one trace writer on a real PostgreSQL (pool of 8): many executions writing at once all land, each in
 * order, and a row the database refuses fails alone.
 */
class TraceWriterTest {

    final FlowExecutions trace = new FlowExecutions(TestDb.dataSource());
    final FlowVersion version;

    TraceWriterTest() {
        FlowStore flows = new FlowStore(TestDb.dataSource(), java.time.Clock.systemUTC(), FlowValidator.Directory.UNCHECKED);
        version = flows.publish(flows.create("""
                name: traced-%s
                start: bye
                nodes:
                  bye: { type: hangup }
                """.formatted(UUID.randomUUID().toString().substring(0, 8))).id());
    }

    @Test
    void twoHundredExecutionsAtOnceAreAllStoredInOrder() throws Exception {
        int executions = 200;
        int steps = 5;
        List<UUID> ids = new ArrayList<>();
        List<CompletableFuture<Void>> ends = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<CompletableFuture<Void>>> running = new ArrayList<>();
            for (int i = 0; i < executions; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                running.add(threads.submit(() -> {
                    Instant at = Instant.now();
                    trace.started(id, "call-" + id, version.flowId(), version.id(), "+15550000001", "+15550000002", at, null);
                    for (int s = 1; s <= steps; s++) {
                        trace.step(id, new FlowExecutions.Step(s, "n" + s, "say", at, 1, "next", null));
                    }
                    return trace.ended(id, at, ExecutionOutcome.HUNG_UP, null, Map.of("k", "v"), Map.of());
                }));
            }
            for (var r : running) {
                ends.add(r.get());
            }
        }
        CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        for (UUID id : ids) {
            FlowExecutions.Execution e = trace.get(id).orElseThrow();
            assertThat(e.outcome()).isEqualTo(ExecutionOutcome.HUNG_UP);
            assertThat(e.steps()).extracting(FlowExecutions.Step::seq).containsExactly(1, 2, 3, 4, 5);
        }
    }

    @Test
    void aRefusedRowFailsAloneAndTheRowsAroundItAreStored() throws Exception {
        UUID id = UUID.randomUUID();
        Instant at = Instant.now();
        CompletableFuture<Void> start = trace.started(id, "call-" + id, version.flowId(), version.id(), "+1", "+2", at, null);
        CompletableFuture<Void> orphan = trace.step(UUID.randomUUID(), new FlowExecutions.Step(1, "x", "say", at, 1, "next", null));
        CompletableFuture<Void> step = trace.step(id, new FlowExecutions.Step(1, "bye", "hangup", at, 1, "hangup", null));
        CompletableFuture<Void> end = trace.ended(id, at, ExecutionOutcome.HUNG_UP, null, Map.of(), Map.of());
        end.get(30, TimeUnit.SECONDS);
        start.get(1, TimeUnit.SECONDS);
        step.get(1, TimeUnit.SECONDS);
        assertThatThrownBy(() -> orphan.get(1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("trace step");
        assertThat(trace.get(id).orElseThrow().steps()).extracting(FlowExecutions.Step::nodeId).containsExactly("bye");
    }
}
