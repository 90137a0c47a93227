package org.opendialer.notifications.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opendialer.store.testing.TestDb;

/** The store's guards: a state only from its predecessors, and start-up reconciliation of a node's own calls. */
class CallStoreTest {

    private final CallStore store = new CallStore(TestDb.dataSource());
    private final String node = "node-" + UUID.randomUUID();
    private final String other = "other-" + UUID.randomUUID();

    @Test
    void aFinalCallIsNeverMovedBack() {
        UUID id = call(node, CallState.FAILED);
        assertThat(store.update(id, CallStore.Update.state(CallState.RINGING))).isFalse();
        assertThat(store.find(id).orElseThrow().state()).isEqualTo(CallState.FAILED);
        UUID queued = call(node, CallState.QUEUED);
        assertThat(store.update(queued, CallStore.Update.state(CallState.ANSWERED))).as("not from QUEUED").isFalse();
        assertThat(store.update(queued, CallStore.Update.state(CallState.DIALING))).isTrue();
    }

    @Test
    void startEndsOnlyThisNodesUnfinishedCallsAndEachOnce() {
        UUID queued = call(node, CallState.QUEUED);
        UUID ringing = call(node, CallState.RINGING);
        UUID done = call(node, CallState.COMPLETED);
        UUID othersRinging = call(other, CallState.RINGING);
        UUID beforeOwners = call(null, CallState.DIALING);
        store.addEvent(ringing, 1, Instant.now(), "ringing", "");

        List<CallStore.Interrupted> ended = store.endInterrupted(node, Instant.now());

        assertThat(ended).extracting(CallStore.Interrupted::id).contains(queued, ringing, beforeOwners)
                .doesNotContain(done, othersRinging);
        assertThat(ended).filteredOn(i -> i.id().equals(ringing)).singleElement()
                .satisfies(i -> assertThat(i.was()).isEqualTo(CallState.RINGING))
                .satisfies(i -> assertThat(i.webhookSecret()).isEqualTo("secret-of-the-webhook"));
        CallRecord r = store.find(ringing).orElseThrow();
        assertThat(r.state()).isEqualTo(CallState.FAILED);
        assertThat(r.outcome()).isEqualTo("INTERRUPTED");
        assertThat(r.disposition()).isEqualTo("INTERRUPTED");
        assertThat(r.endedAt()).isNotNull();
        assertThat(r.events()).extracting(CallRecord.Event::seq, CallRecord.Event::type)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "ringing"),
                        org.assertj.core.groups.Tuple.tuple(2, "interrupted"));
        assertThat(store.find(queued).orElseThrow().disposition()).isEqualTo("NOT_DIALED");
        assertThat(store.find(done).orElseThrow().state()).isEqualTo(CallState.COMPLETED);
        assertThat(store.find(othersRinging).orElseThrow().state()).as("another node's call").isEqualTo(CallState.RINGING);

        assertThat(store.endInterrupted(node, Instant.now())).as("a second start ends nothing again").isEmpty();
    }

    @Test
    void aKeyFindsItsCallAndTheHashOfItsRequest() {
        UUID id = UUID.randomUUID();
        String key = "key-" + id;
        store.insert(new CallStore.NewCall(id, "client", key, "+12015550100", "", "{}", "hash-1", "", node,
                Instant.now()));
        CallStore.Created again = store.insert(new CallStore.NewCall(UUID.randomUUID(), "client", key,
                "+12015550199", "", "{}", "hash-2", "", node, Instant.now()));
        assertThat(again.isNew()).isFalse();
        assertThat(again.id()).isEqualTo(id);
        assertThat(again.requestHash()).isEqualTo("hash-1");
        assertThat(store.findByKey("client", key)).hasValue(new CallStore.Keyed(id, "hash-1"));
    }

    private UUID call(String owner, CallState state) {
        UUID id = UUID.randomUUID();
        store.insert(new CallStore.NewCall(id, "client", id.toString(), "+12015550100", "",
                "{\"webhookUrl\":\"\"}", "h", "secret-of-the-webhook", owner, Instant.now()));
        for (CallState s : path(state)) {
            assertThat(store.update(id, CallStore.Update.state(s))).isTrue();
        }
        return id;
    }

    private static List<CallState> path(CallState to) {
        return switch (to) {
            case QUEUED -> List.of();
            case DIALING -> List.of(CallState.DIALING);
            case RINGING -> List.of(CallState.DIALING, CallState.RINGING);
            case ANSWERED -> List.of(CallState.DIALING, CallState.ANSWERED);
            case COMPLETED -> List.of(CallState.DIALING, CallState.ANSWERED, CallState.COMPLETED);
            case FAILED -> List.of(CallState.FAILED);
        };
    }
}
