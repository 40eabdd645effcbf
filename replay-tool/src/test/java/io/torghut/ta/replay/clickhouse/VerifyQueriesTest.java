package io.torghut.ta.replay.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests for the verify SQL and its interpretation. */
class VerifyQueriesTest {
    static final Instant NOW = Instant.parse("2026-11-23T04:00:00Z");

    @Test
    void freshnessSqlIsExact() {
        assertThat(VerifyQueries.freshness("torghut", "ta_signals", List.of("NVDA", "BRK.B"), 10))
                .isEqualTo(
                        "SELECT symbol, toUnixTimestamp(max(event_ts)) AS max_event_ts,"
                                + " countIf(event_ts >= now() - INTERVAL 10 MINUTE) AS"
                                + " recent_rows, toUnixTimestamp(now()) AS server_now FROM"
                                + " torghut.ta_signals WHERE symbol IN ('NVDA', 'BRK.B') GROUP BY"
                                + " symbol ORDER BY symbol");
        assertThat(VerifyQueries.freshness("torghut", "ta_microbars", List.of(), 5))
                .doesNotContain("WHERE");
    }

    @Test
    void fingerprintSqlDedupesRetriesAndFiltersReplayedRows() {
        String sql =
                VerifyQueries.fingerprint(
                        "torghut",
                        "ta_microbars",
                        List.of("NVDA"),
                        Instant.parse("2026-11-20T14:30:00Z"),
                        Instant.parse("2026-11-20T21:00:00Z"),
                        Instant.parse("2026-11-23T04:10:00Z"));
        String expected =
                "SELECT symbol, window_size, toStartOfMinute(event_ts) AS minute,"
                        + " count() AS row_count, sum(c) AS sum_c, sum(v) AS sum_v"
                        + " FROM (SELECT symbol, window_size, event_ts,"
                        + " argMax(ifNull(toFloat64(c), 0), ingest_ts) AS c,"
                        + " argMax(ifNull(toFloat64(v), 0), ingest_ts) AS v"
                        + " FROM torghut.ta_microbars"
                        + " WHERE event_ts >= toDateTime('2026-11-20 14:30:00', 'UTC')"
                        + " AND event_ts < toDateTime('2026-11-20 21:00:00', 'UTC')"
                        + " AND ingest_ts >= toDateTime('2026-11-23 04:10:00', 'UTC')"
                        + " AND symbol IN ('NVDA')"
                        + " GROUP BY symbol, window_size, event_ts)"
                        + " GROUP BY symbol, window_size, minute"
                        + " ORDER BY symbol, window_size, minute";
        assertThat(sql).isEqualTo(expected);
    }

    @Test
    void visibilitySqlCountsPerPartitionWithAndWithoutFinal() {
        Instant from = Instant.parse("2026-11-20T14:30:00Z");
        Instant to = Instant.parse("2026-11-21T21:00:00Z");
        assertThat(VerifyQueries.rowsPerPartition("torghut", "ta_signals", from, to, false))
                .isEqualTo(
                        "SELECT toString(toDate(event_ts)) AS partition, count() AS row_count"
                                + " FROM torghut.ta_signals WHERE event_ts >="
                                + " toDateTime('2026-11-20 14:30:00', 'UTC') AND event_ts <"
                                + " toDateTime('2026-11-21 21:00:00', 'UTC') GROUP BY partition"
                                + " ORDER BY partition");
        assertThat(VerifyQueries.rowsPerPartition("torghut", "ta_signals", from, to, true))
                .contains("FROM torghut.ta_signals FINAL WHERE");
        assertThat(
                        VerifyQueries.parts(
                                "torghut",
                                "ta_microbars",
                                List.of(
                                        java.time.LocalDate.parse("2026-11-20"),
                                        java.time.LocalDate.parse("2026-11-21"))))
                .isEqualTo(
                        "SELECT partition, partition_id, count() AS parts, sum(rows) AS"
                                + " row_count, sum(bytes_on_disk) AS bytes FROM system.parts"
                                + " WHERE active AND database = 'torghut' AND table ="
                                + " 'ta_microbars' AND partition IN ('2026-11-20', '2026-11-21')"
                                + " GROUP BY partition, partition_id ORDER BY partition");
        assertThat(VerifyQueries.optimize("torghut", "ta_microbars", "20261120"))
                .isEqualTo("OPTIMIZE TABLE torghut.ta_microbars PARTITION ID '20261120' FINAL");
        assertThatThrownBy(() -> VerifyQueries.optimize("torghut", "ta_microbars", "1' OR '"))
                .hasMessageContaining("partition id");
        assertThat(VerifyQueries.OPTIMIZE_SETTINGS)
                .containsEntry("optimize_throw_if_noop", "1")
                .containsEntry("replication_alter_partitions_sync", "2");
    }

    @Test
    void theOptimizeStepMergesOnlyPartitionsWithExtraCopiesAndStatesItsCost() {
        List<Visibility.Partition> seen =
                Visibility.combine(
                        "ta_signals",
                        Map.of("2026-11-20", 200L, "2026-11-21", 50L),
                        Map.of("2026-11-20", 100L, "2026-11-21", 50L));
        assertThat(seen).extracting(Visibility.Partition::extraCopies).containsExactly(100L, 0L);
        assertThat(Visibility.lines(seen))
                .containsExactly(
                        "visibility: ta_signals   2026-11-20  readers 200  FINAL 100  extra"
                                + " copies 100",
                        "visibility: ta_signals   2026-11-21  readers 50  FINAL 50  extra copies"
                                + " 0",
                        "visibility: readers without FINAL see 100 rows twice or more until"
                                + " ClickHouse merges them; the optimize step merges the"
                                + " partitions listed now");
        List<OptimizePlan.Merge> merges =
                OptimizePlan.plan(
                        "torghut",
                        seen,
                        List.of(
                                new Visibility.PartitionParts(
                                        "ta_signals", "2026-11-20", "20261120", 3, 250, 3 << 20),
                                new Visibility.PartitionParts(
                                        "ta_signals", "2026-11-21", "20261121", 1, 50, 4096)));
        assertThat(merges)
                .extracting(OptimizePlan.Merge::statement)
                .containsExactly("OPTIMIZE TABLE torghut.ta_signals PARTITION ID '20261120' FINAL");
        assertThat(OptimizePlan.cost(merges))
                .containsExactly(
                        "OPTIMIZE TABLE torghut.ta_signals PARTITION ID '20261120' FINAL  --"
                                + " 2026-11-20: 3 parts, 250 rows, 3.0 MiB on disk rewritten; 100"
                                + " extra copies go",
                        "cost: 1 merges reading and writing 250 rows (3.0 MiB) on each replica,"
                                + " one after another; reads go on meanwhile, and the merges"
                                + " compete with the live job's inserts and merges for disk and"
                                + " CPU");
        assertThat(Visibility.lines(List.of()))
                .containsExactly("visibility: no rows in the window");
    }

    @Test
    void unsafeIdentifiersAndSymbolsAreRejected() {
        assertThatThrownBy(() -> VerifyQueries.freshness("torghut", "users", List.of(), 10))
                .hasMessageContaining("not allowed");
        assertThatThrownBy(() -> VerifyQueries.freshness("x;drop", "ta_signals", List.of(), 10))
                .hasMessageContaining("not allowed");
        assertThatThrownBy(
                        () ->
                                VerifyQueries.freshness(
                                        "torghut", "ta_signals", List.of("A') OR 1=1 --"), 10))
                .hasMessageContaining("symbol");
    }

    @Test
    void freshnessPassesOnlyWhenEveryTableAndSymbolIsRecentAndWriting() {
        List<Freshness.Row> rows =
                List.of(
                        new Freshness.Row("ta_signals", "NVDA", NOW.minusSeconds(30), 600, NOW),
                        new Freshness.Row("ta_microbars", "NVDA", NOW.minusSeconds(5), 600, NOW));
        var ok =
                Freshness.evaluate(
                        rows,
                        List.of("ta_microbars", "ta_signals"),
                        List.of("NVDA"),
                        Duration.ofSeconds(120),
                        10);
        assertThat(ok.passed()).isTrue();
        assertThat(ok.lines())
                .contains(
                        "ok   ta_signals NVDA: max(event_ts)=2026-11-23T03:59:30Z"
                                + " lag=30s rows/min=60.0");
        var lagging =
                Freshness.evaluate(
                        List.of(
                                new Freshness.Row(
                                        "ta_signals", "NVDA", NOW.minusSeconds(3600), 600, NOW),
                                rows.get(1)),
                        List.of("ta_microbars", "ta_signals"),
                        List.of("NVDA"),
                        Duration.ofSeconds(120),
                        10);
        assertThat(lagging.passed()).isFalse();
        var missing =
                Freshness.evaluate(
                        rows,
                        List.of("ta_microbars", "ta_signals"),
                        List.of("NVDA", "AAPL"),
                        Duration.ofSeconds(120),
                        10);
        assertThat(missing.passed()).isFalse();
        assertThat(missing.lines()).contains("FAIL ta_signals AAPL: no rows");
        var idle =
                Freshness.evaluate(
                        List.of(new Freshness.Row("ta_signals", "NVDA", NOW, 0, NOW), rows.get(1)),
                        List.of("ta_microbars", "ta_signals"),
                        List.of(),
                        Duration.ofSeconds(120),
                        10);
        assertThat(idle.passed()).isFalse();
    }

    @Test
    void parityFindsMissingExtraAndDifferingMinutes() {
        var a = fp("NVDA", "2026-11-20 14:30:00", 60, 100.0);
        var b = fp("NVDA", "2026-11-20 14:31:00", 60, 101.0);
        assertThat(Parity.compare(List.of(a, b), List.of(a, b), 1e-9, 10).matches()).isTrue();
        var r =
                Parity.compare(
                        List.of(a, b),
                        List.of(
                                fp("NVDA", "2026-11-20 14:30:00", 59, 100.5),
                                fp("NVDA", "2026-11-20 14:32:00", 60, 1.0)),
                        1e-9,
                        10);
        assertThat(r.matches()).isFalse();
        assertThat(r.differences()).isEqualTo(4);
        assertThat(r.examples())
                .anySatisfy(e -> assertThat(e).startsWith("row count differs"))
                .anySatisfy(e -> assertThat(e).startsWith("sum(c) differs"))
                .anySatisfy(e -> assertThat(e).startsWith("missing in replay"))
                .anySatisfy(e -> assertThat(e).startsWith("extra in replay"));
    }

    private static Parity.Fingerprint fp(String sym, String minute, long n, double sumC) {
        return new Parity.Fingerprint("ta_microbars", sym, "PT1S", minute, n, Map.of("c", sumC));
    }

    @Test
    void urlsAreRedactedBeforePrinting() {
        assertThat(
                        ClickHouseReader.redact(
                                "jdbc:clickhouse://h:8123/db?user=u&password=s3cret&x=1"))
                .isEqualTo("jdbc:clickhouse://h:8123/db?user=***&password=***&x=1");
    }
}
