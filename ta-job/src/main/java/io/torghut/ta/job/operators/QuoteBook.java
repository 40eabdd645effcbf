package io.torghut.ta.job.operators;

import io.torghut.ta.core.signals.Quote;
import java.io.Serializable;
import java.util.Arrays;

/**
 * One symbol's recent quotes, for the event-time join "latest quote at or before the bar end".
 *
 * <p>Only the latest quote of each bucket {@code (k - size, k]} is kept (size 1 s for the 1 s lane,
 * 1 min for the 1 min lane), in bucket order, so the latest quote at or before a bar end E (a
 * multiple of the bucket size) is the last quote of the highest bucket &lt;= E. Which quote is
 * "latest" within a bucket does not depend on arrival order: the greater (event time, bid, bid
 * size, ask, ask size) wins. {@link #prune} drops buckets older than a cutoff but keeps the newest
 * of them, so a lookup just after the cutoff still finds it.
 */
final class QuoteBook implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long bucketMs;
    private long[] buckets = new long[8];
    private Quote[] quotes = new Quote[8];
    private int size;

    /** Creates a book with buckets of {@code bucketMs}. */
    QuoteBook(long bucketMs) {
        this.bucketMs = bucketMs;
    }

    /** Adds a quote. */
    void add(Quote q) {
        long bucket = Math.floorDiv(q.eventTimeMs() + bucketMs - 1, bucketMs) * bucketMs;
        int i = Arrays.binarySearch(buckets, 0, size, bucket);
        if (i >= 0) {
            if (newer(q, quotes[i])) {
                quotes[i] = q;
            }
            return;
        }
        int at = -i - 1;
        if (size == buckets.length) {
            buckets = Arrays.copyOf(buckets, size * 2);
            quotes = Arrays.copyOf(quotes, size * 2);
        }
        System.arraycopy(buckets, at, buckets, at + 1, size - at);
        System.arraycopy(quotes, at, quotes, at + 1, size - at);
        buckets[at] = bucket;
        quotes[at] = q;
        size++;
    }

    private static boolean newer(Quote a, Quote b) {
        int c = Long.compare(a.eventTimeMs(), b.eventTimeMs());
        if (c == 0) {
            c = Double.compare(a.bidPrice(), b.bidPrice());
        }
        if (c == 0) {
            c = Double.compare(a.bidSize(), b.bidSize());
        }
        if (c == 0) {
            c = Double.compare(a.askPrice(), b.askPrice());
        }
        if (c == 0) {
            c = Double.compare(a.askSize(), b.askSize());
        }
        return c > 0;
    }

    /** The latest quote with event time at or before {@code endMs}, or {@code null}. */
    Quote latestAtOrBefore(long endMs) {
        int i = Arrays.binarySearch(buckets, 0, size, endMs);
        int idx = i >= 0 ? i : -i - 2;
        if (idx < 0) {
            return null;
        }
        Quote q = quotes[idx];
        return q.eventTimeMs() <= endMs ? q : null;
    }

    /** Drops buckets before {@code cutoffMs}, keeping the newest of the dropped ones. */
    void prune(long cutoffMs) {
        int keepFrom = 0;
        while (keepFrom + 1 < size && buckets[keepFrom + 1] < cutoffMs) {
            keepFrom++;
        }
        if (keepFrom > 0) {
            System.arraycopy(buckets, keepFrom, buckets, 0, size - keepFrom);
            System.arraycopy(quotes, keepFrom, quotes, 0, size - keepFrom);
            Arrays.fill(quotes, size - keepFrom, size, null);
            size -= keepFrom;
        }
    }

    /** Number of buckets held. */
    int size() {
        return size;
    }
}
