package org.opendialer.media.play;

/** Table sine for tone generation on the media path: 4096 points with linear interpolation (error < 1e-6). */
public final class Sine {

    private static final int SIZE = 4096;
    private static final double[] TABLE = new double[SIZE + 1];

    static {
        for (int i = 0; i <= SIZE; i++) {
            TABLE[i] = Math.sin(2 * Math.PI * i / SIZE);
        }
    }

    private Sine() {
    }

    /** sin(2 pi cycles), for cycles in [0, 1). */
    public static double ofCycles(double cycles) {
        double x = cycles * SIZE;
        int i = (int) x;
        double frac = x - i;
        return TABLE[i] + (TABLE[i + 1] - TABLE[i]) * frac;
    }
}
