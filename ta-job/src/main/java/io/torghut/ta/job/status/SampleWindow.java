package io.torghut.ta.job.status;

import io.torghut.ta.job.model.StatusSample;

/**
 * One subtask's running count and newest event time of one stream, handed out as a {@link
 * StatusSample} at most once per {@link #INTERVAL_MS}: the first record is reported at once, the
 * rest with the first record after each interval. Shared by the input and signal samplers.
 */
final class SampleWindow {
    /** Samples are handed out at most this often. */
    static final long INTERVAL_MS = 1000;

    private final String stream;
    private StatusSample current;
    private long lastEmitMs = Long.MIN_VALUE;

    SampleWindow(String stream) {
        this.stream = stream;
        this.current = fresh();
    }

    private StatusSample fresh() {
        StatusSample s = new StatusSample();
        s.stream = stream;
        return s;
    }

    /** Counts a valid record with event time {@code eventTs}. */
    void valid(long eventTs) {
        current.count++;
        current.maxEventTs = Math.max(current.maxEventTs, eventTs);
    }

    /** Counts a refused record. */
    void invalid() {
        current.invalid++;
    }

    /**
     * The sample to emit now, or null. The clock is read on every call (a few ns): a slow stream
     * such as the 1 min bars must be reported within the interval too.
     */
    StatusSample due() {
        long now = System.currentTimeMillis();
        if (lastEmitMs != Long.MIN_VALUE && now - lastEmitMs < INTERVAL_MS) {
            return null;
        }
        lastEmitMs = now;
        StatusSample s = current;
        current = fresh();
        return s;
    }
}
