package io.torghut.ta.chart;

import io.torghut.ta.job.clickhouse.ClickHouseSql;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The replay parity chart for {@code replay-tool verify}: the live and the replayed rows of one
 * symbol over the replay's window, read from ClickHouse and told apart by {@code ingest_ts} (live:
 * ingested before the replay's restart; replayed: since), with every identity that differs marked.
 *
 * <p>The live versions are readable until ClickHouse merges them away (ReplacingMergeTree keeps the
 * newest), so the chart is written by verify right after the replay; a live side without rows is
 * shown as such (the replay's rows all "extra"), never as a match.
 */
public final class ReplayParityChart {
    private ReplayParityChart() {}

    /**
     * Writes the parity chart of {@code symbol} over [{@code from}, {@code to}) to {@code page}.
     *
     * @param clickhouse the client verify already has open (not closed here)
     * @param database the database of {@code ta_microbars} and {@code ta_signals}
     * @param endpoint the server as the page should name it (e.g. {@code
     *     ClickHouseEndpoint.describe()}; never a password)
     * @param symbol the symbol
     * @param from the window's first window start
     * @param to the window's end (excluded)
     * @param replayedSince rows ingested from this instant on are the replay's
     * @param page the HTML file to write
     * @param clock the clock of the page's "written" time and freshness lag
     * @return the outcome: {@link ChartOutcome#differing()} identities differ; its {@link
     *     ChartOutcome#exitCode()} is 0 (written), 3 (no rows on either side) or 4 (ClickHouse
     *     failed; the page then says which endpoint and why)
     */
    public static ChartOutcome write(
            ClickHouseSql clickhouse,
            String database,
            String endpoint,
            String symbol,
            Instant from,
            Instant to,
            Instant replayedSince,
            Path page,
            Clock clock) {
        ClickHouseRowsSource rows = ClickHouseRowsSource.over(clickhouse, database, endpoint);
        ChartQuery query =
                new ChartQuery(
                        List.of(symbol),
                        new TimeRange(from, to),
                        Lane.SECOND,
                        Duration.ofMinutes(2));
        return Charts.writeParity(
                rows.ingestedBefore(replayedSince),
                rows.ingestedSince(replayedSince),
                query,
                page,
                clock);
    }
}
