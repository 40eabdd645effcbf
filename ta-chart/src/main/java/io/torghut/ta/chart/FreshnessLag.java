package io.torghut.ta.chart;

import java.time.Duration;
import java.time.Instant;

/**
 * How old a symbol's output was when the chart was written: the wall clock then minus the newest
 * {@code event_ts} of the symbol in the source, against the target the page calls on target.
 *
 * @param newestEventTs the newest {@code event_ts}, or null when the source has no row of the
 *     symbol
 * @param lag the lag, or null without rows
 * @param target the lag at or under which it is on target
 */
public record FreshnessLag(Instant newestEventTs, Duration lag, Duration target) {
    /** The lag of {@code newestEventTsMs} (null: no rows) at {@code now}. */
    public static FreshnessLag of(Long newestEventTsMs, Instant now, Duration target) {
        if (newestEventTsMs == null) {
            return new FreshnessLag(null, null, target);
        }
        Instant newest = Instant.ofEpochMilli(newestEventTsMs);
        return new FreshnessLag(newest, Duration.between(newest, now), target);
    }

    /** Whether there is a lag and it is at most the target. */
    public boolean onTarget() {
        return lag != null && lag.compareTo(target) <= 0;
    }

    /** E.g. {@code 42 s}, {@code 3 min 5 s}, {@code 2 h 7 min}, {@code 273 d 7 h}; {@code n/a}. */
    public String lagText() {
        return lag == null ? "n/a" : text(lag);
    }

    /** A duration in its two largest units, e.g. {@code 1 min 30 s}, {@code 850 ms}. */
    static String text(Duration d) {
        if (d.isNegative()) {
            return "-" + text(d.negated());
        }
        long ms = d.toMillis();
        if (ms < 1_000) {
            return ms + " ms";
        }
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3_600) {
            return two(s / 60, "min", s % 60, "s");
        }
        if (s < 86_400) {
            return two(s / 3_600, "h", s % 3_600 / 60, "min");
        }
        return two(s / 86_400, "d", s % 86_400 / 3_600, "h");
    }

    private static String two(long a, String unitA, long b, String unitB) {
        return a + " " + unitA + (b == 0 ? "" : " " + b + " " + unitB);
    }
}
