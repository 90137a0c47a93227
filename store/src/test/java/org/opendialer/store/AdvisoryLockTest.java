package org.opendialer.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.opendialer.store.testing.TestDb;

class AdvisoryLockTest {

    private final DataSource ds = TestDb.dataSource();

    @Test
    void namespacesAreDistinct() {
        assertThat(Arrays.stream(AdvisoryLock.values()).map(AdvisoryLock::space)).doesNotHaveDuplicates();
    }

    /** Every pair of users locking one equal id: neither blocks the other; the same user does block itself. */
    @Test
    void equalIdsInTwoNamespacesDoNotBlockEachOther() throws Exception {
        try (Connection a = ds.getConnection(); Connection b = ds.getConnection()) {
            for (AdvisoryLock held : AdvisoryLock.values()) {
                for (AdvisoryLock other : AdvisoryLock.values()) {
                    assertThat(held.tryLock(a, "node-1")).isTrue();
                    assertThat(other.tryLock(b, "node-1")).as("%s while %s holds the same id", other, held)
                            .isEqualTo(other != held);
                    assertThat(other.tryLock(b, 7)).isTrue();
                    assertThat(held.tryLock(a, 7)).as("%s number 7 while %s holds it", held, other)
                            .isEqualTo(other != held);
                    if (other != held) {
                        assertThat(other.unlock(b, "node-1")).isTrue();
                        assertThat(held.unlock(a, 7)).isTrue();
                    }
                    assertThat(other.unlock(b, 7)).isTrue();
                    assertThat(held.unlock(a, "node-1")).isTrue();
                }
            }
        }
    }

    /** The collision this registry removed: a runner's session lock on an id stalled receipts for that SMSC id. */
    @Test
    void aTransactionLockIsNotHeldUpByAnotherNamespacesSessionLock() throws Exception {
        try (Connection runner = ds.getConnection(); Connection receipt = ds.getConnection();
             Statement st = receipt.createStatement()) {
            assertThat(AdvisoryLock.RUNNER_LEASE.tryLock(runner, "abc")).isTrue();
            receipt.setAutoCommit(false);
            st.execute("SET LOCAL lock_timeout = '20s'"); // a collision fails the test instead of hanging it
            AdvisoryLock.SMSC_RECEIPT.lockForTransaction(receipt, java.util.List.of("abc", "def"));
            AdvisoryLock.CAMPAIGN_CLAIM.lockForTransaction(receipt, "abc");
            assertThat(AdvisoryLock.RUNNER_LEASE.tryLock(receipt, "abc")).as("the same namespace still excludes").isFalse();
            receipt.rollback();
            assertThat(AdvisoryLock.RUNNER_LEASE.unlock(runner, "abc")).isTrue();
        }
    }
}
