package io.torghut.ta.chart;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a chart shows: symbols (none: every symbol the source has in the range), the range of window
 * starts, the lane shown first, and the freshness lag the page calls on target.
 *
 * @param symbols the symbols, in the page's order; empty for all
 * @param range the window starts
 * @param initialLane the lane the page opens with
 * @param lagTarget the freshness lag at or under which the page reads "on target"
 */
public record ChartQuery(
        List<String> symbols, TimeRange range, Lane initialLane, Duration lagTarget) {
    /** The job's own rule for a symbol (refused otherwise as {@code INVALID_SYMBOL}). */
    private static final Pattern SYMBOL = Pattern.compile("[A-Za-z0-9./_:-]{1,32}");

    /** The freshness target of the job's status heartbeat ({@code TA_FRESHNESS_ALERT_MS}). */
    public static final Duration DEFAULT_LAG_TARGET = Duration.ofMinutes(2);

    /** Checks the symbols against the job's rule; they then go into SQL as quoted literals. */
    public ChartQuery {
        symbols = List.copyOf(symbols);
        for (String s : symbols) {
            if (!SYMBOL.matcher(s).matches()) {
                throw new IllegalArgumentException(
                        "symbol '" + s + "' is not 1-32 characters of A-Z a-z 0-9 . / _ : -");
            }
        }
        if (lagTarget.isNegative()) {
            throw new IllegalArgumentException("the lag target " + lagTarget + " is negative");
        }
    }

    /** Every symbol, all times, the 1 s lane first, the default lag target. */
    public static ChartQuery all() {
        return new ChartQuery(List.of(), TimeRange.ALL, Lane.SECOND, DEFAULT_LAG_TARGET);
    }

    /** This query for other symbols. */
    public ChartQuery withSymbols(List<String> other) {
        return new ChartQuery(other, range, initialLane, lagTarget);
    }

    /** This query for another range. */
    public ChartQuery withRange(TimeRange other) {
        return new ChartQuery(symbols, other, initialLane, lagTarget);
    }

    /** Whether a row of {@code symbol} is asked for. */
    public boolean wants(String symbol) {
        return symbols.isEmpty() || symbols.contains(symbol);
    }
}
