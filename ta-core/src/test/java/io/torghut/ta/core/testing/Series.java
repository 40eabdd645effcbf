package io.torghut.ta.core.testing;

import java.util.Random;

/** Deterministic price series for tests: seeded random walks, a trend and a flat line. */
public final class Series {
    private Series() {}

    /** A geometric random walk starting at 100 with ~1% steps, seeded. */
    public static double[] randomWalk(long seed, int length) {
        Random random = new Random(seed);
        double[] out = new double[length];
        double p = 50 + random.nextDouble() * 100;
        for (int i = 0; i < length; i++) {
            p *= Math.exp(random.nextGaussian() * 0.01);
            out[i] = p;
        }
        return out;
    }

    /** A rising line with small seeded noise. */
    public static double[] trending(long seed, int length) {
        Random random = new Random(seed);
        double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            out[i] = 100 + 0.25 * i + random.nextGaussian() * 0.05;
        }
        return out;
    }

    /** A constant series. */
    public static double[] flat(double value, int length) {
        double[] out = new double[length];
        java.util.Arrays.fill(out, value);
        return out;
    }

    /** Seeded positive volumes. */
    public static double[] volumes(long seed, int length) {
        Random random = new Random(seed ^ 0x5DEECE66DL);
        double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            out[i] = 1 + random.nextInt(500) + (random.nextBoolean() ? 0.5 : 0);
        }
        return out;
    }
}
