package io.torghut.ta.core.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Tests for {@link TimeBuckets}: its totals against a brute-force window sum. */
class TimeBucketsTest {
    /** Every slot format; each must be lossless for any sums, whatever they mean. */
    private static final TimeBuckets.SlotFormat[] FORMATS = {
        TimeBuckets.RAW_SLOTS,
        RollingVwap.VolumeSlots.INSTANCE,
        RealizedVolatility.ReturnSlots.INSTANCE
    };

    private record Entry(long bucket, double a, double b) {}

    /**
     * Random steps (same bucket, next bucket, gaps shorter and longer than the window) with copies,
     * serialization round trips and compact-state round trips (in each slot format) in between,
     * which drop the transient slot cache: the count is exact and the sums agree with a brute-force
     * sum over the window to rounding.
     */
    @Test
    void totalsEqualABruteForceSumOverTheWindow() throws Exception {
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            long granularity = 1 + r.nextInt(3) * 500L;
            int capacity = 1 + r.nextInt(70);
            TimeBuckets buckets = new TimeBuckets(granularity * capacity, granularity);
            List<Entry> all = new ArrayList<>();
            long t = r.nextLong(-5_000_000, 5_000_000);
            for (int i = 0; i < 600; i++) {
                int kind = r.nextInt(10);
                if (kind < 5) {
                    t += granularity;
                } else if (kind < 7) {
                    t += r.nextInt((int) granularity);
                } else if (kind < 9) {
                    t += granularity * r.nextInt(4);
                } else {
                    t += granularity * r.nextInt(capacity + 3);
                }
                double a = r.nextDouble() * 100 - 20;
                double b = r.nextDouble() * 10;
                buckets.add(t, a, b);
                long newest = Math.floorDiv(t, granularity);
                all.add(new Entry(newest, a, b));
                if (r.nextInt(50) == 0) {
                    buckets = r.nextBoolean() ? buckets.copy() : roundTrip(buckets);
                }
                if (r.nextInt(20) == 0) {
                    buckets = stateRoundTrip(buckets, FORMATS[r.nextInt(FORMATS.length)]);
                }
                double sumA = 0;
                double sumB = 0;
                long n = 0;
                for (Entry e : all) {
                    if (e.bucket() > newest - capacity) {
                        sumA += e.a();
                        sumB += e.b();
                        n++;
                    }
                }
                assertThat(buckets.totalCount()).isEqualTo(n);
                assertThat(buckets.totalA()).isCloseTo(sumA, offset(1e-7));
                assertThat(buckets.totalB()).isCloseTo(sumB, offset(1e-7));
            }
        }
    }

    @Test
    void aTimestampBeforeTheNewestBucketIsRefusedAlsoAfterARoundTrip() throws Exception {
        TimeBuckets buckets = new TimeBuckets(5_000, 1_000);
        buckets.add(10_500, 1, 1);
        TimeBuckets restored = roundTrip(buckets);
        assertThatThrownBy(() -> restored.add(9_999, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not go back in time");
        assertThatThrownBy(() -> buckets.checkNotBefore(9_999))
                .isInstanceOf(IllegalArgumentException.class);
        buckets.checkNotBefore(10_000);
    }

    /**
     * Restored from its compact state, in any slot format and whatever the sums hold, the buckets
     * have the same totals bit for bit, write the same bytes again, and evolve exactly as the
     * original: same totals after every later step.
     */
    @Test
    void aCompactStateRoundTripIsLosslessInEverySlotFormat() throws Exception {
        SplittableRandom r = new SplittableRandom(17);
        for (int trial = 0; trial < 150; trial++) {
            int capacity = 1 + r.nextInt(80);
            TimeBuckets original = new TimeBuckets(1000L * capacity, 1000);
            TimeBuckets restored = new TimeBuckets(1000L * capacity, 1000);
            long t = r.nextLong(-5_000_000, 5_000_000);
            for (int i = 0; i < 500; i++) {
                t += r.nextInt(4) == 0 ? r.nextInt(1000) : 1000L * r.nextInt(capacity / 4 + 2);
                double ret = r.nextGaussian() * 1e-3;
                double a = r.nextBoolean() ? ret : r.nextDouble() * 1e6;
                double b = r.nextBoolean() ? ret * ret : r.nextInt(3) * 100.0 + r.nextDouble();
                original.add(t, a, b);
                restored.add(t, a, b);
                if (r.nextInt(10) == 0) {
                    restored = stateRoundTrip(restored, FORMATS[r.nextInt(FORMATS.length)]);
                }
                assertThat(restored.totalCount()).isEqualTo(original.totalCount());
                assertThat(Double.doubleToRawLongBits(restored.totalA()))
                        .isEqualTo(Double.doubleToRawLongBits(original.totalA()));
                assertThat(Double.doubleToRawLongBits(restored.totalB()))
                        .isEqualTo(Double.doubleToRawLongBits(original.totalB()));
                assertThat(restored.covered()).isEqualTo(original.covered());
            }
        }
    }

    @Test
    void aCorruptCompactStateIsRefusedNamingWhatWasFound() {
        TimeBuckets buckets = new TimeBuckets(5_000, 1_000);
        assertThatThrownBy(() -> read(buckets, new byte[] {(byte) 0x80}, TimeBuckets.RAW_SLOTS))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("time buckets flags")
                .hasMessageContaining("got 0x80");
        // Data, newest bucket 0, first bucket 0, then 9 evictions in a 5-bucket window.
        assertThatThrownBy(() -> read(buckets, new byte[] {1, 0, 0, 9}, TimeBuckets.RAW_SLOTS))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("evictions since recompute must be in [0, 4], got 9");
    }

    private static TimeBuckets stateRoundTrip(TimeBuckets b, TimeBuckets.SlotFormat format)
            throws IOException {
        byte[] bytes = write(b, format);
        TimeBuckets restored = b.copy();
        restored.reset();
        read(restored, bytes, format);
        assertThat(write(restored, format)).isEqualTo(bytes);
        return restored;
    }

    private static byte[] write(TimeBuckets b, TimeBuckets.SlotFormat format) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        b.writeState(new DataOutputStream(bytes), format);
        return bytes.toByteArray();
    }

    private static void read(TimeBuckets into, byte[] bytes, TimeBuckets.SlotFormat format)
            throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        into.readState(new DataInputStream(in), format);
        assertThat(in.available()).isZero();
    }

    private static TimeBuckets roundTrip(TimeBuckets b) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(b);
        }
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (TimeBuckets) in.readObject();
        }
    }
}
