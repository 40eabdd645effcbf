package io.torghut.ta.core.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Volume-weighted average price over a rolling event-time window.
 *
 * <p>Formula: {@code VWAP = sum(notional) / sum(volume)} over the observations whose timestamp
 * falls in {@code (t - window, t]}, where t is the newest timestamp. Fed with bars, notional is the
 * bar's traded notional {@code sum(p * q)} of its trades, so the result is the exact trade-level
 * VWAP of the window, not a close-price approximation.
 *
 * <p>Parameters: {@code windowMs} &gt; 0 and {@code granularityMs} &gt; 0 dividing it (the bar
 * length: 1000 for 1 s bars); timestamps are exact on granularity boundaries (bar ends).
 *
 * <p>Warm-up: NaN until the history spans a whole window ({@code window / granularity} buckets from
 * the first observation). After that the value is also NaN while the window holds no volume.
 *
 * <p>Non-finite input: rejected with {@link IllegalArgumentException}, state unchanged; negative
 * volume is rejected too, and timestamps must not go back in time.
 *
 * <p>Cost: amortised O(1) time per update; O(window / granularity) memory.
 */
public final class RollingVwap implements Indicator {
    private static final long serialVersionUID = 1L;

    private final long windowMs;
    private final TimeBuckets buckets;

    /** Creates a rolling VWAP over {@code windowMs} in buckets of {@code granularityMs}. */
    public RollingVwap(long windowMs, long granularityMs) {
        this.windowMs = windowMs;
        this.buckets = new TimeBuckets(windowMs, granularityMs);
    }

    private RollingVwap(RollingVwap other) {
        this.windowMs = other.windowMs;
        this.buckets = other.buckets.copy();
    }

    /**
     * Adds an observation (for a bar: its end time, its notional and its volume) and returns the
     * VWAP, or NaN during warm-up or when the window has no volume.
     */
    public double update(long timestampMs, double notional, double volume) {
        Checks.finite("notional", notional);
        Checks.nonNegative("volume", volume);
        buckets.add(timestampMs, notional, volume);
        return value();
    }

    /** The current VWAP, or NaN during warm-up or when the window has no volume. */
    public double value() {
        double volume = buckets.totalB();
        return buckets.covered() && volume > 0 ? buckets.totalA() / volume : Double.NaN;
    }

    /** The window length in milliseconds. */
    public long windowMs() {
        return windowMs;
    }

    /** Number of granularity buckets the history must span before the first output. */
    public int warmupPeriod() {
        return buckets.capacity();
    }

    @Override
    public boolean isReady() {
        return buckets.covered();
    }

    @Override
    public void reset() {
        buckets.reset();
    }

    /** Writes the state ({@link IndicatorState}): the buckets, in {@link VolumeSlots}. */
    void writeState(DataOutput out) throws IOException {
        buckets.writeState(out, VolumeSlots.INSTANCE);
    }

    /** Restores what {@link #writeState} wrote into a VWAP of the same window and granularity. */
    void readState(DataInput in) throws IOException {
        buckets.readState(in, VolumeSlots.INSTANCE);
    }

    @Override
    public RollingVwap copy() {
        return new RollingVwap(this);
    }

    @Override
    public String toString() {
        return "VWAP(" + windowMs + "ms)";
    }

    /**
     * The slots of a VWAP ring: a slot is a bucket's notional, volume and observation count, and
     * the ring holds up to 300 of them in the 1 s lane, most of its state.
     *
     * <ul>
     *   <li>A decimal scale e (0 to 9) for the whole ring, the one that writes the volumes in the
     *       fewest bytes: 0 for whole shares, 4 for sizes in 1/10,000 shares.
     *   <li>Counts other than 1 (several bars in one bucket) as (gap, count) pairs; all others are
     *       1, with one bar a bucket.
     *   <li>Per slot a nibble (two in a byte, ahead of the two slots' bodies): whether the volume
     *       is exactly {@code M / 10^e}, and the length of the notional's residue.
     *   <li>The volume: the varint M when exact (1 byte below 128, 2 below 16,384); else the varint
     *       {@code M << 3 | (n - 1)} and the n low bytes of the XOR with {@code M / 10^e} (a sum of
     *       decimal sizes is a few ulps off the decimal, so n is 1 or 2), with M = 0 and n = 8 (the
     *       raw bits, 9 bytes) when that is shorter.
     *   <li>The notional as its XOR with a prediction, the previous slot's price ({@code notional /
     *       volume} of the last slot with volume) times this slot's volume: a bar's VWAP is close
     *       to the last one's, so the high bytes of the XOR are zero and only the low, non-zero
     *       ones are written (1 to 8; Gorilla's idea).
     * </ul>
     *
     * Predictions and decimals are plain double arithmetic on values already read (Java's is strict
     * IEEE 754), so the reader computes the same bits; no saving assumes anything of the data that
     * is not checked while writing.
     */
    static final class VolumeSlots implements TimeBuckets.SlotFormat {
        static final VolumeSlots INSTANCE = new VolumeSlots();

        /** Nibble bit: the volume is not exactly {@code M / 10^e}. */
        private static final int INEXACT_VOLUME = 8;

        private static final int MAX_SCALE = 9;
        private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
        private static final double WHOLE_LIMIT = 0x1p53;

        private VolumeSlots() {}

        @Override
        public void write(DataOutput out, double[] a, double[] b, int[] counts, int[] slots, int n)
                throws IOException {
            int scale = bestScale(b, slots, n);
            StateIo.writeVarLong(out, scale);
            writeCounts(out, counts, slots, n);
            double price = Double.NaN;
            long[] residues = new long[2];
            int[] nibbles = new int[2];
            for (int i = 0; i < n; i += 2) {
                int pair = Math.min(2, n - i);
                double p = price;
                for (int k = 0; k < pair; k++) {
                    int s = slots[i + k];
                    residues[k] = StateIo.residue(a[s], predict(p, b[s]));
                    nibbles[k] =
                            (exactDecimal(b[s], scale) >= 0 ? 0 : INEXACT_VOLUME)
                                    | (StateIo.lowByteCount(residues[k]) - 1);
                    p = nextPrice(p, a[s], b[s]);
                }
                out.writeByte(nibbles[0] | (pair == 2 ? nibbles[1] << 4 : 0));
                for (int k = 0; k < pair; k++) {
                    writeVolume(out, b[slots[i + k]], scale);
                    StateIo.writeLowBytes(out, residues[k], (nibbles[k] & 7) + 1);
                }
                price = p;
            }
        }

        @Override
        public void read(DataInput in, double[] a, double[] b, int[] counts, int[] slots, int n)
                throws IOException {
            int scale = StateIo.readVarInt(in, 0, MAX_SCALE, "VWAP volume scale");
            readCounts(in, counts, slots, n);
            double price = Double.NaN;
            for (int i = 0; i < n; i += 2) {
                int header = in.readUnsignedByte();
                int pair = Math.min(2, n - i);
                if (pair == 1 && header > 0xF) {
                    throw StateIo.corrupt("the last VWAP slot's header has a second nibble");
                }
                for (int k = 0; k < pair; k++) {
                    int nibble = (header >>> (4 * k)) & 0xF;
                    int s = slots[i + k];
                    b[s] = readVolume(in, scale, (nibble & INEXACT_VOLUME) != 0);
                    long residue = StateIo.readLowBytes(in, (nibble & 7) + 1);
                    a[s] =
                            Double.longBitsToDouble(
                                    residue ^ Double.doubleToRawLongBits(predict(price, b[s])));
                    price = nextPrice(price, a[s], b[s]);
                }
            }
        }

        /** M with {@code M / 10^scale} equal to {@code v} bit for bit, or -1. */
        private static long exactDecimal(double v, int scale) {
            long m = nearestDecimal(v, scale);
            return m >= 0
                            && Double.doubleToRawLongBits(decimal(m, scale))
                                    == Double.doubleToRawLongBits(v)
                    ? m
                    : -1;
        }

        /** The M nearest to {@code v * 10^scale}, or -1 when out of range (or NaN). */
        private static long nearestDecimal(double v, int scale) {
            double scaled = v * POW10[scale];
            return scaled >= 0 && scaled < WHOLE_LIMIT ? Math.round(scaled) : -1;
        }

        private static double decimal(long m, int scale) {
            return scale == 0 ? (double) m : m / POW10[scale];
        }

        /** Bytes of {@link #writeVolume} for {@code v}. */
        private static int volumeBytes(double v, int scale) {
            long exact = exactDecimal(v, scale);
            if (exact >= 0) {
                return StateIo.varLongLength(exact);
            }
            int raw = 1 + 8;
            long m = nearestDecimal(v, scale);
            if (m < 0) {
                return raw;
            }
            int len = StateIo.lowByteCount(StateIo.residue(v, decimal(m, scale)));
            return Math.min(raw, StateIo.varLongLength(m << 3 | (len - 1)) + len);
        }

        private static void writeVolume(DataOutput out, double v, int scale) throws IOException {
            long exact = exactDecimal(v, scale);
            if (exact >= 0) {
                StateIo.writeVarLong(out, exact);
                return;
            }
            long m = nearestDecimal(v, scale);
            if (m >= 0) {
                long x = StateIo.residue(v, decimal(m, scale));
                int len = StateIo.lowByteCount(x);
                if (StateIo.varLongLength(m << 3 | (len - 1)) + len < 1 + 8) {
                    StateIo.writeVarLong(out, m << 3 | (len - 1));
                    StateIo.writeLowBytes(out, x, len);
                    return;
                }
            }
            // M = 0 is 0.0, so the 8-byte residue is the raw bits.
            StateIo.writeVarLong(out, 7);
            StateIo.writeDouble(out, v);
        }

        private static double readVolume(DataInput in, int scale, boolean inexact)
                throws IOException {
            long maxM = (long) WHOLE_LIMIT - 1;
            if (!inexact) {
                return decimal(StateIo.readVarLong(in, 0, maxM, "VWAP volume"), scale);
            }
            long tagged = StateIo.readVarLong(in, 0, maxM << 3 | 7, "tagged VWAP volume");
            long x = StateIo.readLowBytes(in, (int) (tagged & 7) + 1);
            return Double.longBitsToDouble(
                    x ^ Double.doubleToRawLongBits(decimal(tagged >>> 3, scale)));
        }

        /** The scale that writes these volumes in the fewest bytes; the smallest on a tie. */
        private static int bestScale(double[] b, int[] slots, int n) {
            int best = 0;
            long bestBytes = Long.MAX_VALUE;
            for (int scale = 0; scale <= MAX_SCALE; scale++) {
                long bytes = 0;
                for (int i = 0; i < n; i++) {
                    bytes += volumeBytes(b[slots[i]], scale);
                }
                if (bytes < bestBytes) {
                    best = scale;
                    bestBytes = bytes;
                }
            }
            return best;
        }

        private static double predict(double price, double volume) {
            double p = price * volume;
            return Double.isFinite(p) ? p : 0;
        }

        private static double nextPrice(double price, double notional, double volume) {
            if (volume > 0) {
                double p = notional / volume;
                if (Double.isFinite(p)) {
                    return p;
                }
            }
            return price;
        }

        /** Counts other than 1, as (slots skipped since the previous one, count) pairs. */
        static void writeCounts(DataOutput out, int[] counts, int[] slots, int n)
                throws IOException {
            int others = 0;
            for (int i = 0; i < n; i++) {
                others += counts[slots[i]] != 1 ? 1 : 0;
            }
            StateIo.writeVarLong(out, others);
            int last = -1;
            for (int i = 0; i < n; i++) {
                int c = counts[slots[i]];
                if (c != 1) {
                    StateIo.writeVarLong(out, i - last - 1);
                    StateIo.writeVarLong(out, c);
                    last = i;
                }
            }
        }

        static void readCounts(DataInput in, int[] counts, int[] slots, int n) throws IOException {
            for (int i = 0; i < n; i++) {
                counts[slots[i]] = 1;
            }
            int others =
                    StateIo.readVarInt(in, 0, n, "number of buckets with a count other than 1");
            int last = -1;
            for (int j = 0; j < others; j++) {
                int i = last + 1 + StateIo.readVarInt(in, 0, n - last - 2, "bucket count gap");
                counts[slots[i]] =
                        StateIo.readVarInt(in, 2, Integer.MAX_VALUE, "bucket count other than 1");
                last = i;
            }
        }
    }
}
