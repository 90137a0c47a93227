package org.opendialer.notifications.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opendialer.store.AdvisoryLock;
import org.opendialer.store.testing.TestDb;

class ReceiptLocksTest {

    /**
     * Receipts and the campaign runner's node lease once shared one advisory namespace: a receipt whose SMSC id
     * hashed like a live runner's node id waited for that runner to stop. Now the receipt goes through.
     */
    @Test
    void aReceiptIsNotHeldByARunnerLeaseOnAnEqualId() throws Exception {
        String id = "node-" + System.nanoTime();
        try (Connection runner = TestDb.dataSource().getConnection()) {
            assertThat(AdvisoryLock.RUNNER_LEASE.tryLock(runner, id)).isTrue();
            Instant now = Instant.parse("2026-01-01T00:00:00Z");
            var done = CompletableFuture.supplyAsync(() -> new Receipts(TestDb.dataSource())
                    .onReceipt(id, MessageStatus.DELIVERED, null, now, now));
            // a generous bound only to turn a block into a failure; the call takes milliseconds
            assertThat(done.get(30, TimeUnit.SECONDS)).as("no message has this id yet: the receipt waits").isEmpty();
            AdvisoryLock.RUNNER_LEASE.unlock(runner, id);
        }
    }
}
