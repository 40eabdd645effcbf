package io.torghut.ta.chart;

import java.time.Instant;

/**
 * A half-open range [from, to) of window starts; either end may be open (null).
 *
 * @param from the first window start included, or null for no lower bound
 * @param to the first window start excluded, or null for no upper bound
 */
public record TimeRange(Instant from, Instant to) {
    /** The range without bounds. */
    public static final TimeRange ALL = new TimeRange(null, null);

    /** Refuses a range whose end is not after its start. */
    public TimeRange {
        if (from != null && to != null && !to.isAfter(from)) {
            throw new IllegalArgumentException(
                    "the range's end " + to + " is not after its start " + from);
        }
    }

    /** Whether a window starting at {@code epochMs} lies in the range. */
    public boolean contains(long epochMs) {
        return (from == null || epochMs >= from.toEpochMilli())
                && (to == null || epochMs < to.toEpochMilli());
    }

    /**
     * The range as a person reads it, e.g. {@code [2026-03-03T14:30:00Z, 2026-03-03T14:40:00Z)}.
     */
    public String describe() {
        if (from == null && to == null) {
            return "all times";
        }
        return "[" + (from == null ? "start" : from) + ", " + (to == null ? "end" : to) + ")";
    }
}
