package org.opendialer.notifications.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.opendialer.store.testing.Await;
import org.opendialer.store.testing.TestDb;

/**
 * The journal's bound on answers waiting for their commit, against the embedded PostgreSQL: with the outcome commits
 * held up by a lock the test keeps on {@code message} (a database slow under load, made certain), the
 * {@value SendJournal#MAX_UNCOMMITTED} answers queue, the next sender waits in {@code record} (so it claims nothing
 * new and a crash leaves no more in doubt), and it goes on as soon as the commit passes.
 */
class SendJournalTest {

    @Test
    void answersWaitingForTheirCommitAreBoundedAndTheNextSenderWaitsForRoom() throws Exception {
        DataSource ds = TestDb.dataSource();
        SendJournal journal = new SendJournal(ds, Clock.systemUTC(), 1, 3, id -> { });
        List<CompletableFuture<Void>> committed = new ArrayList<>();
        try (Connection blocker = ds.getConnection(); Statement st = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            st.execute("LOCK TABLE message IN EXCLUSIVE MODE"); // reads pass, the journal's updates wait
            for (int i = 0; i < SendJournal.MAX_UNCOMMITTED; i++) {
                committed.add(journal.record(answer()));
            }
            CompletableFuture<CompletableFuture<Void>> next = new CompletableFuture<>();
            Thread sender = Thread.ofVirtual().start(() -> next.complete(journal.record(answer())));
            Await.until("the next sender waits for room", () -> sender.getState() == Thread.State.WAITING);
            assertThat(next).as("no room while the queued answers are not committed").isNotDone();
            assertThat(committed).noneMatch(CompletableFuture::isDone);

            blocker.rollback(); // the database answers again
            committed.add(next.join());
            CompletableFuture.allOf(committed.toArray(CompletableFuture[]::new)).join();
        } finally {
            journal.close();
        }
        assertThat(committed).hasSize(SendJournal.MAX_UNCOMMITTED + 1).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    }

    private static ClaimStore.Outcome answer() {
        return new ClaimStore.Outcome(UUID.randomUUID(), MessageStatus.SENT, null, List.of(), null, false, null, null);
    }
}
