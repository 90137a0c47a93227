package org.opendialer.api.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class StopSequenceTest {

    @Test
    void partsStopInReverseStartOrderAndAFailingOrHangingPartDoesNotHoldUpTheRest() throws Exception {
        List<String> stopped = new CopyOnWriteArrayList<>();
        CountDownLatch never = new CountDownLatch(1);
        StopSequence seq = new StopSequence();
        seq.add("database", Duration.ofSeconds(2), () -> stopped.add("database"));
        seq.add("messaging", Duration.ofMillis(200), () -> {
            never.await(); // still draining when its budget is over
            stopped.add("messaging (late)");
        });
        seq.add("sip", Duration.ofSeconds(1), () -> {
            stopped.add("sip");
            throw new IllegalStateException("socket already closed");
        });
        seq.add("http", Duration.ofSeconds(1), () -> stopped.add("http"));

        List<String> late = seq.stopAll();

        assertThat(late).containsExactly("messaging");
        assertThat(stopped).containsExactly("http", "sip", "database");
        assertThat(seq.stopAll()).as("a second stop finds nothing left").isEmpty();
        never.countDown();
    }

    @Test
    void timeThatQuickPartsLeaveCarriesOverToTheDatabaseStoppedLast() {
        List<String> stopped = new CopyOnWriteArrayList<>();
        StopSequence seq = new StopSequence();
        seq.add("database", Duration.ofSeconds(1), () -> {
            Thread.sleep(1500); // a slow PostgreSQL stop on a loaded machine, past its own budget
            stopped.add("database");
        });
        seq.add("http", Duration.ofSeconds(3), () -> stopped.add("http"));

        assertThat(seq.stopAll()).as("the 3 s http did not use are the database's too").isEmpty();
        assertThat(stopped).containsExactly("http", "database");
    }

    @Test
    void budgetsCannotAddUpToMoreThanTheWholeShutdown() {
        StopSequence seq = new StopSequence();
        seq.add("database", Duration.ofSeconds(5), () -> { });
        seq.add("messaging", StopSequence.TOTAL.minusSeconds(5), () -> { });
        assertThatThrownBy(() -> seq.add("one more", Duration.ofMillis(1), () -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("one more");
    }
}
