package io.torghut.ta.core.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Tests for {@link TimeBuckets}: its totals against a brute-force window sum. */
class TimeBucketsTest {

    private record Entry(long bucket, double a, double b) {}

    /**
     * Random steps (same bucket, next bucket, gaps shorter and longer than the window) with copies
     * and serialization round trips in between, which drop the transient slot cache: the count is
     * exact and the sums agree with a brute-force sum over the window to rounding.
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
