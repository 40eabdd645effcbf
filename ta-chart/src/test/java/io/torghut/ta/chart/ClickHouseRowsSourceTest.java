package io.torghut.ta.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torghut.ta.job.clickhouse.ClickHouseSql;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ClickHouse source's SQL, its reading of ClickHouse's text rows, and its failures: an
 * unreachable server is named, its password never. The source against a real server is {@code
 * ta-it}'s {@code ChartClickHouseITCase}.
 */
class ClickHouseRowsSourceTest {
    private static final Instant FROM = Instant.parse("2026-03-03T14:30:00Z");
    private static final Instant TO = Instant.parse("2026-03-03T14:40:00.500Z");
    private static final ChartQuery QUERY =
            ChartQuery.all()
                    .withSymbols(List.of("AAPL", "BRK.B"))
                    .withRange(new TimeRange(FROM, TO));

    /** Answers each SELECT with canned rows and records it. */
    static final class CannedClickHouse implements ClickHouseSql {
        final List<String> asked = new ArrayList<>();
        final Map<String, List<List<String>>> answers;

        CannedClickHouse(Map<String, List<List<String>>> answers) {
            this.answers = answers;
        }

        @Override
        public List<List<String>> select(String sql) {
            asked.add(sql);
            for (var e : answers.entrySet()) {
                if (sql.contains(e.getKey())) {
                    return e.getValue();
                }
            }
            return List.of();
        }

        @Override
        public void execute(String sql) {
            throw new UnsupportedOperationException(sql);
        }

        @Override
        public void close() {}
    }

    @Test
    void theNewestVersionIsReadWithFinalOnTheSortingKeyWithAMinuteOfSlack() {
        ClickHouseRowsSource source =
                ClickHouseRowsSource.over(new CannedClickHouse(Map.of()), "torghut", "ch");
        assertThat(source.rowsSql(OutputKind.BARS, QUERY))
                .isEqualTo(
                        "SELECT symbol, window_size, window_start, event_ts, ingest_ts, o, h, l, c, v,"
                                + " vwap, count FROM torghut.ta_microbars FINAL WHERE symbol IN ('AAPL',"
                                + " 'BRK.B') AND event_ts >= toDateTime('2026-03-03 14:29:00', 'UTC') AND"
                                + " event_ts < toDateTime('2026-03-03 14:41:00', 'UTC') ORDER BY symbol,"
                                + " event_ts");
        assertThat(source.newestSql(OutputKind.SIGNALS, QUERY))
                .isEqualTo(
                        "SELECT symbol, max(event_ts) FROM torghut.ta_signals WHERE symbol IN"
                                + " ('AAPL', 'BRK.B') GROUP BY symbol");
        Instant since = Instant.parse("2026-03-04T08:00:00Z");
        assertThat(source.ingestedBefore(since).rowsSql(OutputKind.SIGNALS, QUERY))
                .doesNotContain("FINAL")
                .contains("ingest_ts < toDateTime('2026-03-04 08:00:00', 'UTC')");
        assertThat(source.ingestedSince(since).rowsSql(OutputKind.SIGNALS, QUERY))
                .doesNotContain("FINAL")
                .contains("ingest_ts >= toDateTime('2026-03-04 08:00:00', 'UTC')");
        assertThat(source.rowsSql(OutputKind.BARS, ChartQuery.all())).doesNotContain("WHERE");
    }

    @Test
    void textRowsBecomeChartRowsInTheRangeWithNullsAndNonFiniteValues() throws Exception {
        List<String> bar =
                new ArrayList<>(
                        List.of(
                                "AAPL",
                                "PT1S",
                                "2026-03-03 14:30:05",
                                "2026-03-03 14:30:06",
                                "2026-03-04 08:00:00.123",
                                "10",
                                "11",
                                "9",
                                "10.5",
                                "100",
                                "\\N",
                                "3"));
        bar.set(10, null); // ClickHouseSql already turns \N into null
        List<String> early = new ArrayList<>(bar);
        early.set(2, "2026-03-03 14:29:59");
        List<String> signal =
                new ArrayList<>(
                        List.of(
                                "AAPL",
                                "PT1S",
                                "2026-03-03 14:30:05",
                                "2026-03-03 14:30:06",
                                "2026-03-04 08:00:00"));
        for (String c : OutputKind.SIGNALS.valueColumns()) {
            signal.add(c.equals("ema12") ? "101.25" : c.equals("rsi14") ? "nan" : null);
        }
        CannedClickHouse ch =
                new CannedClickHouse(
                        Map.of(
                                "FROM torghut.ta_microbars FINAL", List.of(early, bar),
                                "FROM torghut.ta_signals FINAL", List.of(signal),
                                "max(event_ts) FROM torghut.ta_signals",
                                        List.of(List.of("AAPL", "2026-03-03 14:39:00"))));
        SourceRows rows = ClickHouseRowsSource.over(ch, "torghut", "ch").read(QUERY);
        assertThat(rows.rows()).hasSize(2);
        ChartRow b = rows.rows().get(0);
        assertThat(b.kind()).isEqualTo(OutputKind.BARS);
        assertThat(b.windowStartMs())
                .isEqualTo(Instant.parse("2026-03-03T14:30:05Z").toEpochMilli());
        assertThat(b.ingestTsMs())
                .isEqualTo(Instant.parse("2026-03-04T08:00:00.123Z").toEpochMilli());
        assertThat(b.value("c")).isEqualTo(10.5);
        assertThat(b.value("vwap")).isNull();
        assertThat(b.value("count")).isEqualTo(3.0);
        ChartRow s = rows.rows().get(1);
        assertThat(s.value("ema12")).isEqualTo(101.25);
        assertThat(s.value("rsi14")).isNaN();
        assertThat(s.value("macd")).isNull();
        assertThat(rows.newestEventTsMs())
                .containsEntry("AAPL", Instant.parse("2026-03-03T14:39:00Z").toEpochMilli());
    }

    @Test
    void anUnreachableServerIsNamedAndItsPasswordIsNot() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        String secret = "pw-Kq93-never-shown";
        try (ClickHouseRowsSource source =
                ClickHouseRowsSource.fromEnvironment(
                        Map.of(
                                "TA_CLICKHOUSE_URL",
                                "jdbc:clickhouse://127.0.0.1:" + port + "/torghut",
                                "TA_CLICKHOUSE_USERNAME",
                                "reader",
                                "TA_CLICKHOUSE_PASSWORD",
                                secret,
                                "TA_CLICKHOUSE_CONN_TIMEOUT_SECONDS",
                                "5"))) {
            assertThat(source.describe())
                    .isEqualTo(
                            "ClickHouse http://127.0.0.1:"
                                    + port
                                    + " (database torghut) as reader");
            assertThatThrownBy(() -> source.read(QUERY))
                    .isInstanceOf(RowsUnavailableException.class)
                    .hasMessageStartingWith(
                            "cannot read the output tables from ClickHouse http://127.0.0.1:"
                                    + port
                                    + " (database torghut) as reader: ")
                    .hasMessageNotContaining(secret);
        }
    }

    @Test
    void withoutAUrlItSaysWhichVariableToSet() {
        assertThatThrownBy(() -> ClickHouseRowsSource.fromEnvironment(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("TA_CLICKHOUSE_URL is not set");
    }
}
