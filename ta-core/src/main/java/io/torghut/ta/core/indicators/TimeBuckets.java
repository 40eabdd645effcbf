package io.torghut.ta.core.indicators;

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

    void reset() {
        clearBuckets();
        newestBucket = NONE;
        firstBucket = NONE;
        cached = false;
    }
}
