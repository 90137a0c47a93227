package org.opendialer.media.play;

import org.opendialer.media.Playable;

import java.util.List;

/** Generates a {@link Playable.Tone}: phase-continuous oscillators stepping through the segments. */
public final class ToneSource implements FrameSource {

    private final double[] f1;
    private final double[] f2;
    private final int[] samples;
    private final int[] level;
    private final boolean repeat;
    private long remaining;
    private int segment;
    private int inSegment;
    private double phase1;
    private double phase2;

    public ToneSource(Playable.Tone tone) {
        List<Playable.Tone.Segment> segs = tone.segments();
        int n = segs.size();
        f1 = new double[n];
        f2 = new double[n];
        samples = new int[n];
        level = new int[n];
        long once = 0;
        for (int i = 0; i < n; i++) {
            Playable.Tone.Segment s = segs.get(i);
            f1[i] = s.f1();
            f2[i] = s.f2();
            samples[i] = s.millis() * 8;
            level[i] = s.level();
            once += samples[i];
        }
        repeat = tone.repeat();
        long total = tone.total() == null ? once : tone.total().toMillis() * 8;
        remaining = repeat ? total : Math.min(total, once);
    }

    @Override
    public boolean read(short[] out) {
        if (remaining <= 0 || f1.length == 0) {
            return false;
        }
        for (int i = 0; i < 160; i++) {
            if (remaining <= 0) {
                out[i] = 0;
                continue;
            }
            while (inSegment >= samples[segment]) {
                inSegment = 0;
                segment = (segment + 1) % samples.length;
            }
            double v = 0;
            // phases in cycles, kept in [0, 1)
            if (f1[segment] > 0) {
                v += Sine.ofCycles(phase1);
                phase1 += f1[segment] / 8000;
                phase1 -= (int) phase1;
            }
            if (f2[segment] > 0) {
                v += Sine.ofCycles(phase2);
                phase2 += f2[segment] / 8000;
                phase2 -= (int) phase2;
            }
            out[i] = (short) (level[segment] * v);
            inSegment++;
            remaining--;
        }
        return true;
    }
}
