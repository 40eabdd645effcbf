package io.torghut.ta.core.signals;

/**
 * Row identity of every output row: (symbol, window size, window start), and the {@code seq}
 * derived from it.
 *
 * <p>{@code seq = windowStartMs * 1000 + windowSizeSeconds}: unique per symbol for window sizes
 * below 10^6 s (window starts are multiples of the size, so of 1000 ms), increasing with time, and
 * the same in every run. A replay therefore writes rows with the same ClickHouse sorting key
 * (symbol, event_ts, seq) as the original run, and ReplacingMergeTree replaces instead of
 * duplicating. (The original job used a per-symbol counter that restarted with the job.)
 */
public final class RowIdentity {
    private RowIdentity() {}

    /** The derived sequence number of the row with this window. */
    public static long seq(long windowStartMs, long windowSizeMs) {
        if (windowSizeMs <= 0 || windowSizeMs % 1000 != 0 || windowSizeMs >= 1_000_000_000L) {
            throw new IllegalArgumentException(
                    "windowSizeMs must be a whole number of seconds in [1 s, 10^6 s), got "
                            + windowSizeMs);
        }
        if (windowStartMs < 0) {
            throw new IllegalArgumentException(
                    "windowStartMs must be >= 0 (epoch milliseconds), got " + windowStartMs);
        }
        return Math.addExact(Math.multiplyExact(windowStartMs, 1000L), windowSizeMs / 1000);
    }

    /** ISO-8601 duration of a window size as written in {@code window_size}: PT1S, PT1M, ... */
    public static String windowSizeLabel(long windowSizeMs) {
        // The two lanes' sizes are constants: every row would otherwise format one.
        if (windowSizeMs == 1_000) {
            return "PT1S";
        }
        if (windowSizeMs == 60_000) {
            return "PT1M";
        }
        return java.time.Duration.ofMillis(windowSizeMs).toString();
    }
}
