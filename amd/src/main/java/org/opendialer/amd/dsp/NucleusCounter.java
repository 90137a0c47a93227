package org.opendialer.amd.dsp;

/**
 * Counts syllable-like nuclei in a stretch of speech from frame levels: the level rises to a peak and then falls
 * {@link #DIP_DB} below it. Speech has several a second; a steady sound (a hum, a tone, a drawn-out vowel) has none
 * until it ends. Callers feed the dips inside a word as well, so a pause counts as a fall.
 */
public final class NucleusCounter {

    /** How far the level must fall below a peak (or rise above a trough) to count. */
    public static final double DIP_DB = 4.0;

    private int count;
    private boolean falling;
    private double ref;

    /** Starts a new stretch at the given level. */
    public void start(double levelDbfs) {
        count = 0;
        falling = false;
        ref = levelDbfs;
    }

    /** Feeds one frame's level. */
    public void update(double levelDbfs) {
        if (!falling) {
            if (levelDbfs > ref) {
                ref = levelDbfs;
            } else if (levelDbfs < ref - DIP_DB) {
                count++;
                falling = true;
                ref = levelDbfs;
            }
        } else if (levelDbfs < ref) {
            ref = levelDbfs;
        } else if (levelDbfs > ref + DIP_DB) {
            falling = false;
            ref = levelDbfs;
        }
    }

    /** Nuclei so far, counting a rise that has not fallen yet (the stretch is still on its peak). */
    public int countWithOpen() {
        return count + (falling ? 0 : 1);
    }
}
