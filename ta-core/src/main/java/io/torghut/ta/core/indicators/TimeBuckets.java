package io.torghut.ta.core.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;

/**
 * A ring of time buckets holding two running sums and a count each, for indicators over a rolling
 * event-time window {@code (t - window, t]}.
 *
 * <p>The window is {@code capacity = window / granularity} buckets ending at the bucket of the
 * newest timestamp; it is exact for timestamps on bucket boundaries (bar ends) and rounded to
 * buckets otherwise. Eviction walks only the buckets time has moved past (amortised O(1)); the
 * running totals are recomputed from the live buckets once per {@code capacity} evictions so
 * subtraction cannot accumulate rounding.
 *
 * <p>State: bucket {@code b} lives in slot {@code floorMod(b, capacity)}, and every slot outside
 * the window is zero (eviction zeroes a slot as its bucket leaves), so a slot's bucket follows from
 * its position and the newest bucket and is not stored: a bucket is live when its count is not 0.
 * That keeps the serialized state to the sums and counts (a stored id per slot cost a third of the
 * 1 s signal lane's state). The newest bucket's slot and start time are cached in transient fields,
 * so a timestamp in the same or the next bucket (one bar after another) needs compares only, no
 * 64-bit division; after deserialization the cache is rebuilt on the next update.
 */
final class TimeBuckets implements Serializable {
    private static final long serialVersionUID = 2L;
    private static final long NONE = Long.MIN_VALUE;

    /** State flags: a bucket was added since the last reset. */
    private static final int HAS_DATA = 1;

    /** State flags: presence as runs rather than a bitmap. */
    private static final int PRESENCE_RUNS = 2;

    /** State flags: the total count is written (it differs from the sum of the slots' counts). */
    private static final int EXPLICIT_COUNT = 4;

    /**
     * How a user writes its present slots' sums and counts: what the sums mean decides what
     * compresses (volumes are whole shares, a squared return is the square of the return).
     */
    interface SlotFormat {
        /** Writes the slots {@code slots[0..n)}, listed oldest bucket first. */
        void write(DataOutput out, double[] a, double[] b, int[] counts, int[] slots, int n)
                throws IOException;

        /**
         * Reads what {@link #write} wrote into the listed slots; every count read must be at least
         * 1 (a present slot).
         */
        void read(DataInput in, double[] a, double[] b, int[] counts, int[] slots, int n)
                throws IOException;
    }

    /** Counts as varints and both sums raw: what any user can take. */
    static final SlotFormat RAW_SLOTS =
            new SlotFormat() {
                @Override
                public void write(
                        DataOutput out, double[] a, double[] b, int[] counts, int[] slots, int n)
                        throws IOException {
                    for (int i = 0; i < n; i++) {
                        int s = slots[i];
                        StateIo.writeVarLong(out, counts[s]);
                        StateIo.writeDouble(out, a[s]);
                        StateIo.writeDouble(out, b[s]);
                    }
                }

                @Override
                public void read(
                        DataInput in, double[] a, double[] b, int[] counts, int[] slots, int n)
                        throws IOException {
                    for (int i = 0; i < n; i++) {
                        int s = slots[i];
                        counts[s] = StateIo.readVarInt(in, 1, Integer.MAX_VALUE, "bucket count");
                        a[s] = StateIo.readDouble(in);
                        b[s] = StateIo.readDouble(in);
                    }
                }
            };

    private final long granularityMs;
    private final int capacity;
    private final double[] sumA;
    private final double[] sumB;
    private final int[] counts;
    private double totalA;
    private double totalB;
    private long totalCount;
    private long newestBucket = NONE;
    private long firstBucket = NONE;
    private int evictionsSinceRecompute;

    /** Whether {@link #newestSlot} and {@link #newestStartMs} describe {@link #newestBucket}. */
    private transient boolean cached;

    private transient int newestSlot;
    private transient long newestStartMs;

    TimeBuckets(long windowMs, long granularityMs) {
        Checks.positiveMillis("windowMs", windowMs);
        Checks.positiveMillis("granularityMs", granularityMs);
        if (windowMs % granularityMs != 0) {
            throw new IllegalArgumentException(
                    "windowMs must be a whole multiple of granularityMs ("
                            + granularityMs
                            + "), got "
                            + windowMs);
        }
        long cap = windowMs / granularityMs;
        if (cap > 1_000_000) {
            throw new IllegalArgumentException(
                    "windowMs / granularityMs must be <= 1000000 buckets, got " + cap);
        }
        this.granularityMs = granularityMs;
        this.capacity = (int) cap;
        this.sumA = new double[capacity];
        this.sumB = new double[capacity];
        this.counts = new int[capacity];
    }

    private TimeBuckets(TimeBuckets o) {
        this.granularityMs = o.granularityMs;
        this.capacity = o.capacity;
        this.sumA = o.sumA.clone();
        this.sumB = o.sumB.clone();
        this.counts = o.counts.clone();
        this.totalA = o.totalA;
        this.totalB = o.totalB;
        this.totalCount = o.totalCount;
        this.newestBucket = o.newestBucket;
        this.firstBucket = o.firstBucket;
        this.evictionsSinceRecompute = o.evictionsSinceRecompute;
        this.cached = o.cached;
        this.newestSlot = o.newestSlot;
        this.newestStartMs = o.newestStartMs;
    }

    TimeBuckets copy() {
        return new TimeBuckets(this);
    }

    /** Checks that {@code timestampMs} does not go back before the newest bucket. */
    void checkNotBefore(long timestampMs) {
        if (!cached || timestampMs < newestStartMs) {
            bucketOf(timestampMs);
        }
    }

    /** Checks that {@code timestampMs} does not go back before the newest bucket. */
    long bucketOf(long timestampMs) {
        long bucket = Math.floorDiv(timestampMs, granularityMs);
        if (newestBucket != NONE && bucket < newestBucket) {
            throw new IllegalArgumentException(
                    "timestampMs must not go back in time: got "
                            + timestampMs
                            + " after a value at bucket starting "
                            + newestBucket * granularityMs);
        }
        return bucket;
    }

    /** Moves the window's end to {@code timestampMs}, evicting what falls out. */
    void advanceTo(long timestampMs) {
        if (cached && timestampMs >= newestStartMs) {
            long sinceStart = timestampMs - newestStartMs;
            if (sinceStart < granularityMs) {
                return;
            }
            if (sinceStart < 2 * granularityMs) {
                // The next bucket: it takes the slot of the one leaving the window.
                int next = newestSlot + 1 == capacity ? 0 : newestSlot + 1;
                evictSlot(next);
                newestBucket++;
                newestSlot = next;
                newestStartMs += granularityMs;
                return;
            }
        }
        long bucket = bucketOf(timestampMs);
        if (newestBucket != NONE && bucket > newestBucket) {
            if (bucket - newestBucket >= capacity) {
                clearBuckets();
            } else {
                for (long b = newestBucket - capacity + 1; b <= bucket - capacity; b++) {
                    evictSlot((int) Math.floorMod(b, (long) capacity));
                }
            }
        }
        newestBucket = bucket;
        newestSlot = (int) Math.floorMod(bucket, (long) capacity);
        newestStartMs = bucket * granularityMs;
        cached = true;
    }

    /** Adds to the bucket of {@code timestampMs} (after advancing to it). */
    void add(long timestampMs, double a, double b) {
        advanceTo(timestampMs);
        int slot = newestSlot;
        sumA[slot] += a;
        sumB[slot] += b;
        counts[slot]++;
        totalA += a;
        totalB += b;
        totalCount++;
        if (firstBucket == NONE) {
            firstBucket = newestBucket;
        }
    }

    /** Evicts the bucket in {@code slot}, which is leaving the window; nothing if it is empty. */
    private void evictSlot(int slot) {
        if (counts[slot] == 0) {
            return;
        }
        totalA -= sumA[slot];
        totalB -= sumB[slot];
        totalCount -= counts[slot];
        sumA[slot] = 0;
        sumB[slot] = 0;
        counts[slot] = 0;
        if (++evictionsSinceRecompute >= capacity) {
            recomputeTotals();
        }
    }

    private void recomputeTotals() {
        double a = 0;
        double b = 0;
        long n = 0;
        for (int i = 0; i < capacity; i++) {
            if (counts[i] != 0) {
                a += sumA[i];
                b += sumB[i];
                n += counts[i];
            }
        }
        totalA = a;
        totalB = b;
        totalCount = n;
        evictionsSinceRecompute = 0;
    }

    private void clearBuckets() {
        Arrays.fill(sumA, 0);
        Arrays.fill(sumB, 0);
        Arrays.fill(counts, 0);
        totalA = 0;
        totalB = 0;
        totalCount = 0;
        evictionsSinceRecompute = 0;
    }

    /** Whether the history seen so far spans a whole window. */
    boolean covered() {
        return firstBucket != NONE && newestBucket - firstBucket + 1 >= capacity;
    }

    double totalA() {
        return totalA;
    }

    double totalB() {
        return totalB;
    }

    long totalCount() {
        return totalCount;
    }

    int capacity() {
        return capacity;
    }

    /**
     * Writes the state ({@link IndicatorState}) losslessly: the newest bucket, how far back the
     * first one is, the evictions since the last recompute, which slots hold a bucket (a bitmap, or
     * runs when shorter), the present slots through {@code format}, then the running totals as
     * their XOR with a fresh sum of the slots (they differ from it only by the rounding of the
     * evictions since the last recompute, so a few bytes) and the total count only if it is not the
     * sum of the slots' counts (it always is). The transient slot cache is not written.
     */
    void writeState(DataOutput out, SlotFormat format) throws IOException {
        if (newestBucket == NONE) {
            out.writeByte(0);
            return;
        }
        boolean[] present = new boolean[capacity];
        int[] slots = new int[capacity];
        int n = 0;
        long oldest = newestBucket - capacity + 1;
        for (int i = 0; i < capacity; i++) {
            int slot = (int) Math.floorMod(oldest + i, (long) capacity);
            if (counts[slot] != 0) {
                present[i] = true;
                slots[n++] = slot;
            }
        }
        int runsBytes = runsLength(present);
        boolean runs = runsBytes < (capacity + 7) / 8;
        boolean explicitCount = totalCount != sumOfCounts();
        out.writeByte(HAS_DATA | (runs ? PRESENCE_RUNS : 0) | (explicitCount ? EXPLICIT_COUNT : 0));
        StateIo.writeZigZag(out, newestBucket);
        StateIo.writeVarLong(out, newestBucket - firstBucket);
        StateIo.writeVarLong(out, evictionsSinceRecompute);
        if (runs) {
            writeRuns(out, present);
        } else {
            writeBitmap(out, present);
        }
        format.write(out, sumA, sumB, counts, slots, n);
        StateIo.writeResidue(out, totalA, freshSum(sumA));
        StateIo.writeResidue(out, totalB, freshSum(sumB));
        if (explicitCount) {
            StateIo.writeVarLong(out, totalCount);
        }
    }

    /** Restores what {@link #writeState} wrote into buckets of the same window and granularity. */
    void readState(DataInput in, SlotFormat format) throws IOException {
        int flags =
                StateIo.readFlags(in, HAS_DATA | PRESENCE_RUNS | EXPLICIT_COUNT, "time buckets");
        reset();
        if (flags == 0) {
            return;
        }
        if ((flags & HAS_DATA) == 0) {
            throw StateIo.corrupt("time buckets without data must have no other flag");
        }
        newestBucket = StateIo.readZigZag(in);
        long back = StateIo.readVarLong(in);
        firstBucket = newestBucket - back;
        if (newestBucket == NONE || back < 0 || firstBucket > newestBucket) {
            throw StateIo.corrupt(
                    "time buckets' newest bucket " + newestBucket + " and first " + firstBucket);
        }
        evictionsSinceRecompute =
                StateIo.readVarInt(in, 0, capacity - 1, "time buckets' evictions since recompute");
        boolean[] present =
                (flags & PRESENCE_RUNS) != 0 ? readRuns(in, capacity) : readBitmap(in, capacity);
        int[] slots = new int[capacity];
        int n = 0;
        long oldest = newestBucket - capacity + 1;
        for (int i = 0; i < capacity; i++) {
            if (present[i]) {
                slots[n++] = (int) Math.floorMod(oldest + i, (long) capacity);
            }
        }
        format.read(in, sumA, sumB, counts, slots, n);
        for (int i = 0; i < n; i++) {
            if (counts[slots[i]] < 1) {
                throw StateIo.corrupt("a present bucket must have a count >= 1");
            }
        }
        totalA = StateIo.readResidue(in, freshSum(sumA));
        totalB = StateIo.readResidue(in, freshSum(sumB));
        totalCount = (flags & EXPLICIT_COUNT) != 0 ? StateIo.readVarLong(in) : sumOfCounts();
    }

    /** The sum {@link #recomputeTotals} would take: live slots in slot order. */
    private double freshSum(double[] sums) {
        double s = 0;
        for (int i = 0; i < capacity; i++) {
            if (counts[i] != 0) {
                s += sums[i];
            }
        }
        return s;
    }

    private long sumOfCounts() {
        long n = 0;
        for (int c : counts) {
            n += c;
        }
        return n;
    }

    /** Bytes of the runs encoding: alternating absent and present run lengths, absent first. */
    private static int runsLength(boolean[] present) {
        int bytes = 0;
        int i = 0;
        boolean value = false;
        while (i < present.length) {
            int start = i;
            while (i < present.length && present[i] == value) {
                i++;
            }
            bytes += StateIo.varLongLength(i - start);
            value = !value;
        }
        return bytes;
    }

    private static void writeRuns(DataOutput out, boolean[] present) throws IOException {
        int i = 0;
        boolean value = false;
        while (i < present.length) {
            int start = i;
            while (i < present.length && present[i] == value) {
                i++;
            }
            StateIo.writeVarLong(out, i - start);
            value = !value;
        }
    }

    private static boolean[] readRuns(DataInput in, int capacity) throws IOException {
        boolean[] present = new boolean[capacity];
        int i = 0;
        boolean value = false;
        boolean first = true;
        while (i < capacity) {
            int run =
                    StateIo.readVarInt(
                            in, first ? 0 : 1, capacity - i, "time buckets' presence run");
            if (value) {
                Arrays.fill(present, i, i + run, true);
            }
            i += run;
            value = !value;
            first = false;
        }
        return present;
    }

    private static void writeBitmap(DataOutput out, boolean[] present) throws IOException {
        for (int i = 0; i < present.length; i += 8) {
            int b = 0;
            for (int k = 0; k < 8 && i + k < present.length; k++) {
                b |= present[i + k] ? 1 << k : 0;
            }
            out.writeByte(b);
        }
    }

    private static boolean[] readBitmap(DataInput in, int capacity) throws IOException {
        boolean[] present = new boolean[capacity];
        for (int i = 0; i < capacity; i += 8) {
            int b = in.readUnsignedByte();
            for (int k = 0; k < 8; k++) {
                boolean bit = (b & (1 << k)) != 0;
                if (i + k < capacity) {
                    present[i + k] = bit;
                } else if (bit) {
                    throw StateIo.corrupt("time buckets' presence bitmap has bits past the window");
                }
            }
        }
        return present;
    }

    void reset() {
        clearBuckets();
        newestBucket = NONE;
        firstBucket = NONE;
        cached = false;
    }
}
