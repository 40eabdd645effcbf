package io.torghut.ta.benchmarks;

import java.util.SplittableRandom;

/**
 * Deterministic synthetic market data shared by every benchmark, so each one (and each baseline)
 * sees the same inputs in every run.
 *
 * <p>Prices are a multiplicative random walk around 100 with about 1 bp per step, volumes are whole
 * share counts: the shape of a liquid US equity's 1 s bars. The arrays have a power-of-two length
 * so benchmarks cycle through them with a mask instead of a bounds check.
 */
public final class MarketData {
    /** Length of every array; a power of two. */
    public static final int SIZE = 1 << 14;

    /** Mask for cycling an index through the arrays. */
    public static final int MASK = SIZE - 1;

    /** The original job's retained window: max(volBars + 5, vwapBars + 60) = 360 bars. */
    public static final int WINDOW = 360;

    /** Epoch ms of the first bar: 2026-01-05 14:30 UTC, a New York session open. */
    public static final long START_MS = 1_767_623_400_000L;

    private final double[] closes = new double[SIZE];
    private final double[] volumes = new double[SIZE];

    /** Builds the data from a fixed seed. */
    public MarketData() {
        SplittableRandom random = new SplittableRandom(20_260_105L);
        double price = 100.0;
        for (int i = 0; i < SIZE; i++) {
            price *= 1 + (random.nextDouble() - 0.5) * 2e-4;
            closes[i] = Math.round(price * 100) / 100.0;
            volumes[i] = 1 + random.nextInt(2_000);
        }
    }

    /** The close at a cycled index. */
    public double close(int i) {
        return closes[i & MASK];
    }

    /** The volume at a cycled index. */
    public double volume(int i) {
        return volumes[i & MASK];
    }

    /** The closes array itself, for batch APIs that take an input array and an index range. */
    public double[] closes() {
        return closes;
    }
}
