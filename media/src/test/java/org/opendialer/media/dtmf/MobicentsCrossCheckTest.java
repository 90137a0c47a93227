package org.opendialer.media.dtmf;

import org.junit.jupiter.api.Test;
import org.mobicents.media.server.impl.resource.dtmf.DetectorImpl;
import org.mobicents.media.server.scheduler.Clock;
import org.mobicents.media.server.scheduler.PriorityQueueScheduler;
import org.mobicents.media.server.spi.memory.Frame;
import org.mobicents.media.server.spi.memory.Memory;
import org.opendialer.media.play.WavFile;
import org.opendialer.media.testutil.Signals;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cross-check against an independent detector: Restcomm/Mobicents media-core 5.1.0.19 {@code DetectorImpl}.
 *
 * <p>It reads the wall clock to suppress a repeated symbol within its inter-digit interval and delivers events
 * through its scheduler threads; here its scheduler gets a stopped clock and {@code fireEvent} is overridden to
 * record synchronously, so it runs in virtual time — but it cannot separate repeated digits, so comparisons use
 * sequences with consecutive repeats collapsed. Its volume threshold is set to -40 dB (its default misses most
 * corpus digits).
 */
class MobicentsCrossCheckTest {

    static String mobicents(short[] pcm) throws Exception {
        StringBuilder sb = new StringBuilder();
        Clock stopped = new Clock() {
            @Override public long getTime() { return 0; }
            @Override public long getCurrentTime() { return 0; }
            @Override public long getTime(TimeUnit unit) { return 0; }
            @Override public TimeUnit getTimeUnit() { return TimeUnit.NANOSECONDS; }
        };
        DetectorImpl d = new DetectorImpl("cross-check", new PriorityQueueScheduler(stopped)) {
            @Override
            protected void fireEvent(String tone) {
                sb.append(tone);
            }
        };
        d.setInterdigitInterval(Integer.MAX_VALUE);
        d.setVolume(-40);
        for (int i = 0; i + 160 <= pcm.length; i += 160) {
            Frame f = Memory.allocate(320);
            byte[] b = f.getData();
            for (int k = 0; k < 160; k++) {
                b[2 * k] = (byte) pcm[i + k];
                b[2 * k + 1] = (byte) (pcm[i + k] >> 8);
            }
            f.setOffset(0);
            f.setLength(320);
            f.setDuration(20_000_000L);
            d.onMediaTransfer(f);
        }
        return sb.toString();
    }

    static String collapse(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (sb.isEmpty() || sb.charAt(sb.length() - 1) != c) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @Test
    void bothDetectorsAgreeOnCleanRecordingsAndGeneratedDigits() throws Exception {
        for (String file : new String[] {"dtmf/100by100at8000Hz__0123456789psABCD.wav",
                "dtmf/100by100at8000Hz__0123456789PpsPABCD.wav", "dtmf/legacy__1646347904-250by250.wav"}) {
            short[] pcm = WavFile.read(DtmfCorpusTest.CORPUS.resolve(file));
            assertThat(collapse(Signals.detect(pcm))).as(file).isEqualTo(collapse(mobicents(pcm)));
        }
        short[] seq = new short[0];
        for (char c : "0123456789*#ABCD".toCharArray()) {
            seq = Signals.concat(seq, Signals.silence(60), Signals.dtmf(c, 80));
        }
        assertThat(mobicents(seq)).isEqualTo("0123456789*#ABCD");
        assertThat(Signals.detect(seq)).isEqualTo("0123456789*#ABCD");
    }

    @Test
    void oursDecodesAtLeastAsManyCorpusFilesAndInventsNoDigitsInSpeech() throws Exception {
        int oursRight = 0;
        int theirsRight = 0;
        int oursFalse = 0;
        int theirsFalse = 0;
        StringBuilder table = new StringBuilder();
        for (DtmfCorpusTest.Label l : DtmfCorpusTest.labels()) {
            short[] pcm = WavFile.read(DtmfCorpusTest.CORPUS.resolve(l.path()));
            String ours = Signals.detect(pcm);
            String theirs = mobicents(pcm);
            if (l.kind().equals("dtmf")) {
                oursRight += collapse(ours).equals(collapse(l.expected())) ? 1 : 0;
                theirsRight += collapse(theirs).equals(collapse(l.expected())) ? 1 : 0;
                table.append(String.format("%-70s label %-16s ours %-16s mobicents %s%n", l.path(), l.expected(),
                        ours, theirs));
            } else {
                oursFalse += ours.length();
                theirsFalse += theirs.length();
            }
        }
        System.out.print(table);
        System.out.printf("files right (repeats collapsed): ours %d, mobicents %d; digits invented in speech: "
                + "ours %d, mobicents %d%n", oursRight, theirsRight, oursFalse, theirsFalse);
        assertThat(oursRight).isGreaterThanOrEqualTo(theirsRight);
        assertThat(oursFalse).isZero();
        assertThat(theirsFalse).isPositive(); // the comparison is meaningful: speech does fool a plain detector
    }
}
