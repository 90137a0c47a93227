package org.opendialer.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.amd.dsp.FrameAnalyzer;
import org.opendialer.amd.eval.WavReader;
import org.opendialer.media.echo.EchoCanceller;

/**
 * A line with no echo of ours at all (every SIPp carrier): a voicemail's real prompt ("is unavailable") and 1.5 s
 * later its real 700 Hz beep, while our message plays from the answer, as async AMD runs. Whatever the alignment of
 * our message against the far end, and with the frames of skipped ticks caught up later (nothing sent beside them),
 * the canceller must hand AMD the far end unchanged. It did not: its delay estimator settled on a chance lag on
 * every alignment, the filter learnt the far end itself, and its "echo" of our speech was taken off 11-16 frames,
 * most of them the beep's (a beep is one pure tone a frame, and one spoilt frame in its second half splits it into
 * two segments that AMD does not take for a beep). The failure names, per alignment, the frames changed and the
 * beep frames that stopped being one tone within 1 %.
 */
class EchoFreeLineTest {

    private static final int FRAME = EchoCanceller.FRAME;
    /** Our message's start against the far end's: 0 to 1 s after it, every 20 ms. */
    private static final int ALIGNMENTS = 50;

    @Test
    void theFarEndPassesUnchangedWhileWeSpeakOnALineWithoutEcho(@TempDir Path dir) throws Exception {
        String corpus = EchoLine.corpus().toString();
        Path far = Audio.generate(dir, "prompt-beep.wav", "sox " + corpus
                + "/machine/asterisk_en_allison/vm-isunavail.wav -r 8000 -c 1 {raw} pad 0.3 1.5 && sox {raw} " + corpus
                + "/tones/vm_beep_asterisk_en_allison.wav -r 8000 -c 1 -e u-law {out} pad 0 3");
        short[] heard = WavReader.read(far.toFile());
        short[] message = EchoLine.message();
        List<String> altered = new ArrayList<>();
        for (int skipEvery : new int[] {0, 50}) { // 0: every tick on time; 50: 6 ticks skipped and caught up a second
            for (int offset = 0; offset < ALIGNMENTS; offset++) {
                int[] changed = run(heard, message, offset, skipEvery);
                if (changed[0] > 0) {
                    altered.add("message at +" + offset * 20 + " ms" + (skipEvery > 0 ? " with skipped ticks" : "")
                            + ": " + changed[0] + " frames changed, " + changed[1] + " beep frames no longer a tone");
                }
            }
        }
        assertThat(altered).as("far-end frames the canceller changed on a line without echo").isEmpty();
    }

    /** Returns how many frames the canceller changed, and how many single-tone frames (the beep's) it spoilt. */
    private static int[] run(short[] heard, short[] message, int offsetFrames, int skipEvery) {
        EchoCanceller canceller = new EchoCanceller();
        short[] in = new short[FRAME];
        short[] sent = new short[FRAME];
        short[] out = new short[FRAME];
        int period = message.length + EchoLine.RATE; // the message repeats after a second's pause
        int changed = 0;
        int toneLost = 0;
        FrameAnalyzer before = new FrameAnalyzer(new double[0]);
        FrameAnalyzer after = new FrameAnalyzer(new double[0]);
        for (int f = 0; f < heard.length / FRAME; f++) {
            System.arraycopy(heard, f * FRAME, in, 0, FRAME);
            boolean caughtUp = skipEvery > 0 && f > skipEvery && f % skipEvery < 6;
            for (int i = 0; i < FRAME; i++) {
                int at = (f - offsetFrames) * FRAME + i;
                int m = at < 0 ? -1 : at % period;
                sent[i] = m >= 0 && m < message.length ? message[m] : 0;
            }
            canceller.process(in, caughtUp ? null : sent, out);
            if (!java.util.Arrays.equals(in, out)) {
                changed++;
                before.analyze(in);
                after.analyze(out);
                toneLost += before.singleTone() && (!after.singleTone()
                        || Math.abs(after.toneHz() - before.toneHz()) > 0.01 * before.toneHz()) ? 1 : 0;
            }
        }
        return new int[] {changed, toneLost};
    }
}
