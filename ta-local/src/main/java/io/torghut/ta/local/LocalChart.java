package io.torghut.ta.local;

import io.torghut.ta.chart.ChartOutcome;
import io.torghut.ta.chart.ChartQuery;
import io.torghut.ta.chart.Charts;
import io.torghut.ta.chart.ClickHouseRowsSource;
import io.torghut.ta.chart.JsonLinesRowsSource;
import io.torghut.ta.chart.Lane;
import io.torghut.ta.chart.TimeRange;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The decisions of the {@code chart} command and of the local run's chart step: which source, which
 * range, which file, chart or parity chart. The command only parses and prints.
 */
final class LocalChart {
    /** The chart file a local run writes beside its outputs. */
    static final String RUN_CHART = "chart.html";

    /** With {@code --clickhouse} and no range: the last hour. */
    static final Duration DEFAULT_CLICKHOUSE_WINDOW = Duration.ofHours(1);

    private LocalChart() {}

    /**
     * What to chart.
     *
     * @param jsonl the local run's output directory (the live rows of a parity chart)
     * @param clickhouse read ClickHouse instead of {@code jsonl}
     * @param replayed a parity chart's replayed rows: another output directory; null for a chart
     * @param symbols the symbols; empty for all (a parity chart takes exactly one)
     * @param from the first window start, or null
     * @param to the end of the range (excluded), or null
     * @param lane the lane the page opens with
     * @param lagTarget the freshness lag the page calls on target
     * @param out the HTML file; null for the default ({@link #defaultOut})
     */
    record Options(
            Path jsonl,
            boolean clickhouse,
            Path replayed,
            List<String> symbols,
            Instant from,
            Instant to,
            Lane lane,
            Duration lagTarget,
            Path out) {}

    /** Writes the chart {@code options} ask for; refuses contradicting options by exception. */
    static ChartOutcome write(Options o, Map<String, String> env, Clock clock) {
        if (o.replayed() != null && o.clickhouse()) {
            throw new IllegalArgumentException(
                    "--replayed compares two output directories; the ClickHouse parity chart is"
                            + " replay-tool verify's");
        }
        if (o.replayed() != null && o.symbols().size() != 1) {
            throw new IllegalArgumentException(
                    "a parity chart (--replayed) is of one symbol: give --symbols SYMBOL");
        }
        ChartQuery query = new ChartQuery(o.symbols(), range(o, clock), o.lane(), o.lagTarget());
        Path out = o.out() != null ? o.out() : defaultOut(o);
        if (o.replayed() != null) {
            return Charts.writeParity(
                    new JsonLinesRowsSource(o.jsonl()),
                    new JsonLinesRowsSource(o.replayed()),
                    query,
                    out,
                    clock);
        }
        if (o.clickhouse()) {
            try (ClickHouseRowsSource source = ClickHouseRowsSource.fromEnvironment(env)) {
                return Charts.write(source, query, out, clock);
            }
        }
        return Charts.write(new JsonLinesRowsSource(o.jsonl()), query, out, clock);
    }

    /** The chart of a finished local run's outputs in {@code outputDir}, beside them. */
    static ChartOutcome afterRun(Path outputDir, Clock clock) {
        return write(
                new Options(
                        outputDir,
                        false,
                        null,
                        List.of(),
                        null,
                        null,
                        Lane.SECOND,
                        ChartQuery.DEFAULT_LAG_TARGET,
                        outputDir.resolve(RUN_CHART)),
                Map.of(),
                clock);
    }

    /**
     * The range asked for; with ClickHouse and neither end given, the last hour (a table holds
     * weeks), else everything the files hold.
     */
    static TimeRange range(Options o, Clock clock) {
        if (o.clickhouse() && o.from() == null && o.to() == null) {
            Instant now = clock.instant();
            return new TimeRange(now.minus(DEFAULT_CLICKHOUSE_WINDOW), now);
        }
        return new TimeRange(o.from(), o.to());
    }

    /**
     * Beside the outputs for files ({@code chart.html}, {@code parity-chart.html}), {@code
     * ta-chart.html} in the working directory for ClickHouse.
     */
    static Path defaultOut(Options o) {
        if (o.clickhouse()) {
            return Path.of("ta-chart.html");
        }
        return o.jsonl().resolve(o.replayed() != null ? "parity-chart.html" : RUN_CHART);
    }
}
