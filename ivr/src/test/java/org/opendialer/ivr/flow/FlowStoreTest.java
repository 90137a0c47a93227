package org.opendialer.ivr.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opendialer.ivr.flow.FlowStoreException.Kind;
import org.opendialer.store.testing.ManualClock;
import org.opendialer.store.testing.TestDb;

/** Drafts, frozen versions and DID routes on a real PostgreSQL. */
class FlowStoreTest {

    final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
    final FlowStore flows = new FlowStore(TestDb.dataSource(), clock,
            new FlowValidator.Directory(Set.of("support")::contains, null));
    final DidRoutes dids = new DidRoutes(TestDb.dataSource(), clock).follow(flows);

    static String doc(String name, String text) {
        return """
                name: %s
                start: hello
                nodes:
                  hello: { type: say, text: "%s", next: queue }
                  queue: { type: transferToQueue, queue: billing }
                """.formatted(name, text);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aFlowIsCreatedReadAndListedWithItsWarnings() {
        String name = unique("created");
        StoredFlow f = flows.create(doc(name, "hi"));
        assertThat(f.name()).isEqualTo(name);
        assertThat(f.revision()).isEqualTo(1);
        assertThat(f.published()).isNull();
        assertThat(f.warnings()).extracting(w -> w.code().slug() + " " + w.pointer())
                .containsExactly("unknownQueue /nodes/queue/queue");
        assertThat(flows.get(f.id())).contains(f);
        assertThat(flows.list(1, 500).entities()).extracting(StoredFlow::id).contains(f.id());
    }

    @Test
    void aDocumentWithErrorsIsRefusedWithThem() {
        assertThatThrownBy(() -> flows.create("name: bad\nstart: a\nnodes:\n  a: { type: say, text: x }\n"))
                .isInstanceOfSatisfying(FlowStoreException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.INVALID);
                    assertThat(e.issues()).extracting(i -> i.code().slug() + " " + i.pointer())
                            .containsExactly("missingBranch /nodes/a/next");
                });
    }

    @Test
    void namesAreUniqueAndStaleRevisionsConflict() {
        String name = unique("named");
        StoredFlow f = flows.create(doc(name, "one"));
        assertThatThrownBy(() -> flows.create(doc(name.toUpperCase(), "two")))
                .isInstanceOfSatisfying(FlowStoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT));
        clock.advance(Duration.ofMinutes(1));
        StoredFlow saved = flows.updateDraft(f.id(), doc(name, "two"), 1);
        assertThat(saved.revision()).isEqualTo(2);
        assertThat(saved.modified()).isAfter(f.modified());
        assertThatThrownBy(() -> flows.updateDraft(f.id(), doc(name, "three"), 1))
                .isInstanceOfSatisfying(FlowStoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT));
        assertThatThrownBy(() -> flows.updateDraft(UUID.randomUUID(), doc(name, "x"), null))
                .isInstanceOfSatisfying(FlowStoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
    }

    @Test
    void publishedVersionsAreFrozenAndACallKeepsTheOneItStartedWith() {
        StoredFlow f = flows.create(doc(unique("versioned"), "first"));
        String did = "+1555" + (1_000_000 + (int) (Math.random() * 8_999_999));
        dids.put(did, f.id());
        assertThat(dids.resolve(did)).as("never published: nothing to run").isEmpty();

        FlowVersion v1 = flows.publish(f.id());
        assertThat(v1.number()).isEqualTo(1);
        assertThat(flows.publish(f.id())).as("unchanged draft").isEqualTo(v1);
        FlowVersion pinned = dids.resolve(did).orElseThrow();
        assertThat(pinned.id()).isEqualTo(v1.id());

        flows.updateDraft(f.id(), doc(f.name(), "second"), null);
        assertThat(dids.resolve(did).orElseThrow().id()).as("a draft does not change what runs").isEqualTo(v1.id());
        FlowVersion v2 = flows.publish(f.id());
        assertThat(v2.number()).isEqualTo(2);
        assertThat(dids.resolve(did).orElseThrow().id()).isEqualTo(v2.id());
        // the call that pinned v1 still reads it, unchanged
        assertThat(flows.version(f.id(), pinned.id()).orElseThrow().flow().nodes().get("hello"))
                .isEqualTo(new Node.Say("hello", "first", "queue"));
        assertThat(flows.versions(f.id(), 1, 25).entities()).extracting(FlowVersion::number).containsExactly(2, 1);

        assertThatThrownBy(() -> flows.delete(f.id()))
                .isInstanceOfSatisfying(FlowStoreException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.CONFLICT);
                    assertThat(e.getMessage()).contains(did);
                });
        assertThat(dids.delete(did)).isTrue();
        flows.delete(f.id());
        assertThat(flows.get(f.id())).isEmpty();
        assertThat(flows.version(f.id(), v1.id())).as("kept for calls that pinned it").isPresent();
        assertThat(dids.resolve(did)).isEmpty();
    }

    @Test
    void didsMustBeE164AndNameALiveFlow() {
        assertThatThrownBy(() -> dids.put("5551234", UUID.randomUUID()))
                .isInstanceOfSatisfying(FlowStoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID));
        assertThatThrownBy(() -> dids.put("+15550001111", UUID.randomUUID()))
                .isInstanceOfSatisfying(FlowStoreException.class, e -> assertThat(e.issues())
                        .extracting(FlowIssue::pointer).containsExactly("/flowId"));
    }
}
