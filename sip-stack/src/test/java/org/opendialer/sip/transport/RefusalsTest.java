package org.opendialer.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opendialer.sip.SipStats.Refusal;

/** Rate-limited refusal logging in virtual time: a line per new source, then one summary per reason and interval. */
class RefusalsTest {

    private long now = TimeUnit.HOURS.toNanos(1);
    private final List<String> lines = new ArrayList<>();
    private final Refusals refusals = new Refusals(lines::add, () -> now);

    @Test
    void aFloodFromOneSourceIsOneLineThenOneSummaryPerInterval() {
        for (int i = 0; i < 60_000; i++) {
            refusals.refused(Refusal.UNTRUSTED_SOURCE, "192.0.2.7", () -> "first from 192.0.2.7");
        }
        now += TimeUnit.SECONDS.toNanos(10);
        refusals.summarize();
        assertThat(lines).containsExactly("first from 192.0.2.7",
                "refused 59999 INVITEs from untrusted sources (1 source) in the last 10 s, top: 192.0.2.7 (59999)");

        now += TimeUnit.SECONDS.toNanos(10);
        refusals.summarize();
        assertThat(lines).as("a quiet interval writes nothing").hasSize(2);

        refusals.refused(Refusal.UNTRUSTED_SOURCE, "192.0.2.7", () -> "first from 192.0.2.7 again");
        now += TimeUnit.SECONDS.toNanos(20);
        refusals.summarize();
        assertThat(lines).as("a known source is summarised, not logged again").hasSize(3)
                .last().isEqualTo("refused 1 INVITEs from untrusted sources (1 source) in the last 20 s, top: 192.0.2.7 (1)");
        assertThat(refusals.totals()).containsEntry(Refusal.UNTRUSTED_SOURCE, 60_001L)
                .containsEntry(Refusal.BAD_CREDENTIALS, 0L).containsEntry(Refusal.THROTTLED, 0L);
    }

    @Test
    void manySpoofedSourcesStillMakeABoundedNumberOfLines() {
        for (int i = 0; i < 100_000; i++) {
            String source = "10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255);
            refusals.refused(Refusal.UNTRUSTED_SOURCE, source, () -> "first from " + source);
            if (i % 3 == 0) {
                refusals.refused(Refusal.BAD_CREDENTIALS, "10.9.9.9", () -> "bad password from 10.9.9.9");
            }
        }
        refusals.summarize();
        assertThat(lines).hasSize(Refusals.MAX_FIRST_LINES + 2);
        assertThat(lines.get(lines.size() - 2)).startsWith("refused 99996 INVITEs from untrusted sources (4096+ sources)");
        assertThat(lines.getLast()).isEqualTo(
                "refused 33333 REGISTERs with bad credentials (1 source) in the last 1 s, top: 10.9.9.9 (33333)");
    }
}
