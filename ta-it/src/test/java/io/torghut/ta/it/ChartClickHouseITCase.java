package io.torghut.ta.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.torghut.ta.chart.BrowserProbe;
import io.torghut.ta.chart.ChartFixtures;
import io.torghut.ta.chart.ChartOutcome;
import io.torghut.ta.chart.ChartQuery;
import io.torghut.ta.chart.ChartRow;
import io.torghut.ta.chart.Charts;
import io.torghut.ta.chart.ClickHouseRowsSource;
import io.torghut.ta.chart.OutputKind;
import io.torghut.ta.chart.PageScript;
import io.torghut.ta.chart.ReplayParityChart;
import io.torghut.ta.chart.SourceRows;
import io.torghut.ta.chart.TimeRange;
import io.torghut.ta.job.clickhouse.ClickHouseDialect;
import io.torghut.ta.job.clickhouse.HttpClickHouse;
import io.torghut.ta.job.clickhouse.TaTable;
import io.torghut.ta.job.clickhouse.TaTables;
import io.torghut.ta.testkit.ClickHouseServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The charts against a real ClickHouse 18.16 (the test server, through the official client as the
 * job reads it): the chart reads the newest version of every row ({@code FINAL}), and {@link
 * ReplayParityChart} (what {@code replay-tool verify} calls) tells the live rows from the replayed
 * by {@code ingest_ts} and marks the identity the replay changed, in Chromium.
 */
class ChartClickHouseITCase {
    private static final Instant START = Instant.parse("2026-03-03T14:30:00Z");
    private static final Instant REPLAYED_SINCE = Instant.parse("2026-03-04T08:00:00Z");
    private static final Clock CLOCK = Clock.fixed(START.plusSeconds(200), ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @Test
    void chartsReadClickHouseAndTheParityChartMarksWhatTheReplayChanged(@TempDir Path dir)
            throws Exception {
        String password = "pw-Ch18-never-shown";
        try (ClickHouseServer server =
                ClickHouseServer.builder(dir.resolve("clickhouse"))
                        .withUser("reader", password)
                        .start()) {
            for (String statement :
                    TaTables.ddlScript("torghut", ClickHouseDialect.LEGACY_18).split(";\n")) {
                if (!statement.replaceAll("(?m)^--.*$", "").isBlank()) {
                    server.execute(statement);
                }
            }
            List<ChartRow> live = ChartFixtures.rows("AAPL", START, 90, 100);
            insert(server, live);
            // The replay: every row again, ingested since the restart, one close changed.
            List<ChartRow> replayed = new ArrayList<>();
            ChartRow changed = null;
            for (ChartRow r : live) {
                Map<String, Double> v = new LinkedHashMap<>(r.values());
                if (changed == null
                        && r.kind() == OutputKind.BARS
                        && r.windowStartMs() >= START.plusSeconds(40).toEpochMilli()) {
                    v.put("c", v.get("c") + 0.75);
                    changed = r;
                }
                replayed.add(
                        new ChartRow(
                                r.kind(),
                                r.symbol(),
                                r.windowSize(),
                                r.windowStartMs(),
                                r.eventTsMs(),
                                REPLAYED_SINCE.toEpochMilli() + 60_000,
                                v));
            }
            insert(server, replayed);

            Map<String, String> env =
                    Map.of(
                            "TA_CLICKHOUSE_URL",
                            server.jdbcUrl("torghut"),
                            "TA_CLICKHOUSE_USERNAME",
                            "reader",
                            "TA_CLICKHOUSE_PASSWORD",
                            password);
            ChartQuery query =
                    ChartQuery.all()
                            .withSymbols(List.of("AAPL"))
                            .withRange(new TimeRange(START, START.plusSeconds(600)));
            ChartOutcome chart;
            SourceRows newest;
            try (ClickHouseRowsSource source = ClickHouseRowsSource.fromEnvironment(env)) {
                newest = source.read(query);
                chart = Charts.write(source, query, dir.resolve("clickhouse.html"), CLOCK);
            }
            assertThat(chart.exitCode()).as(chart.message()).isZero();
            // FINAL: one row per identity, the replayed version.
            assertThat(newest.rows()).hasSize(live.size());
            assertThat(newest.rows())
                    .allMatch(r -> r.ingestTsMs() == REPLAYED_SINCE.toEpochMilli() + 60_000);
            // Equal within the parity tolerance: 18.16 parses a Float64 literal of the INSERT to
            // the
            // nearest double or the next (the job writes RowBinary, exact; reading is exact).
            assertThat(
                            io.torghut.ta.chart.ParityComparison.compare(replayed, newest.rows())
                                    .differences())
                    .isEmpty();

            ChartOutcome parity;
            try (HttpClickHouse ch = server.client("torghut", "reader", password)) {
                parity =
                        ReplayParityChart.write(
                                ch,
                                "torghut",
                                "ClickHouse " + ch.endpoint().describe(),
                                "AAPL",
                                START,
                                START.plusSeconds(600),
                                REPLAYED_SINCE,
                                dir.resolve("parity.html"),
                                CLOCK);
            }
            assertThat(parity.exitCode()).as(parity.message()).isZero();
            assertThat(parity.differing()).isEqualTo(1);

            List<JsonNode> pages =
                    BrowserProbe.run(
                            dir.resolve("probe"),
                            List.of(
                                    PageScript.open(dir.resolve("clickhouse.html")).read("chart"),
                                    PageScript.open(dir.resolve("parity.html")).read("parity")));
            JsonNode read = pages.get(0).get("reads").get("chart");
            long bars = live.stream().filter(r -> r.kind() == OutputKind.BARS).count();
            assertThat(read.get("candles")).hasSize((int) bars);
            assertThat(read.get("meta").asText())
                    .contains(
                            "ClickHouse http://127.0.0.1:"
                                    + server.httpPort()
                                    + " (database torghut) as reader")
                    .doesNotContain(password);
            JsonNode p = pages.get(1).get("reads").get("parity");
            assertThat(p.get("markers")).hasSize(1);
            assertThat(p.get("markers").get(0).get(0).asLong())
                    .isEqualTo(changed.windowStartMs() / 1000);
            assertThat(p.get("markers").get(0).get(1).asText()).isEqualTo("bar ≠ c");
            assertThat(p.get("parity").get("summary").asText())
                    .startsWith("1 of " + live.size() + " identities differ");
            assertThat(pages.get(1).get("errors")).isEmpty();
        }
    }

    /** Inserts rows as the job's columns, with 18.16's literals. */
    private static void insert(ClickHouseServer server, List<ChartRow> rows) {
        for (OutputKind kind : OutputKind.values()) {
            TaTable table = kind.table();
            StringBuilder sql =
                    new StringBuilder("INSERT INTO torghut.")
                            .append(table.name())
                            .append(" (")
                            .append(String.join(", ", table.columnNames()))
                            .append(") VALUES ");
            boolean first = true;
            for (ChartRow r : rows) {
                if (r.kind() != kind) {
                    continue;
                }
                Map<String, Object> json = ChartFixtures.json(r);
                List<String> literals = new ArrayList<>();
                for (TaTable.Column c : table.columns()) {
                    literals.add(literal(c, json.get(c.name())));
                }
                sql.append(first ? "" : ", ")
                        .append('(')
                        .append(String.join(", ", literals))
                        .append(')');
                first = false;
            }
            server.execute(sql.toString());
        }
    }

    private static String literal(TaTable.Column c, Object v) {
        if (v == null) {
            return "NULL";
        }
        if (c.type().isTimestamp()) {
            return "toDateTime('" + SECONDS.format(Instant.parse((String) v)) + "', 'UTC')";
        }
        if (v instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (v instanceof String s) {
            return "'" + s + "'";
        }
        if (c.name().startsWith("imbalance_") && c.name().endsWith("_sz")) {
            return String.valueOf(Math.round(((Number) v).doubleValue()));
        }
        return Objects.toString(v);
    }
}
