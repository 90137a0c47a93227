package org.opendialer.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {

    @TempDir
    Path tmp;

    @Test
    void aStartWaitsForAServerOfThisJvmThatIsStillStopping() throws Exception {
        Path dir = tmp.resolve("pg");
        DataDirLock first = DataDirLock.tryAcquire(dir).orElseThrow();
        assertThat(DataDirLock.acquire(dir, Duration.ofSeconds(30))).as("held by a running server: no wait").isEmpty();
        first.stopping();

        CompletableFuture<Optional<DataDirLock>> second = CompletableFuture.supplyAsync(() -> {
            try {
                return DataDirLock.acquire(dir, Duration.ofSeconds(30));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Thread.sleep(300);
        assertThat(second).as("waits while the first still stops").isNotDone();
        first.close();
        Optional<DataDirLock> got = second.get(10, TimeUnit.SECONDS);
        assertThat(got).as("taken once the first let go").isPresent();
        got.orElseThrow().close();
    }

    @Test
    void aServerOfThisJvmThatNeverLetsGoIsReportedInUseAfterTheWait() throws Exception {
        Path dir = tmp.resolve("pg");
        try (DataDirLock held = DataDirLock.tryAcquire(dir).orElseThrow()) {
            held.stopping();
            assertThat(DataDirLock.acquire(dir, Duration.ofMillis(200))).isEmpty();
            assertThat(held).isNotNull();
        }
    }
}
