package io.torghut.ta.clickhouse26;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.torghut.ta.core.bars.Bar;
import io.torghut.ta.core.signals.SignalRow;
import io.torghut.ta.job.clickhouse.ColumnEncoding;
import io.torghut.ta.job.clickhouse.SchemaInitializer;
import io.torghut.ta.job.clickhouse.TaTable;
import io.torghut.ta.job.clickhouse.TaTables;
import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.job.config.TaConfigKey;
import io.torghut.ta.local.TapeGenerator;
import io.torghut.ta.replay.clickhouse.ClickHouseReader;
import io.torghut.ta.replay.clickhouse.Freshness;
import io.torghut.ta.replay.clickhouse.OptimizePlan;
import io.torghut.ta.replay.clickhouse.Parity;
import io.torghut.ta.replay.clickhouse.VerifyQueries;
import io.torghut.ta.replay.clickhouse.Visibility;
import io.torghut.ta.replay.window.OutputTtl;
import io.torghut.ta.testkit.Diff;
import io.torghut.ta.testkit.JobScenario;
import io.torghut.ta.testkit.OutputRows;
import io.torghut.ta.testkit.ProductionFixtures;
import io.torghut.ta.testkit.Reference;
import io.torghut.ta.testkit.ReferenceBatches;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ClickHouse 26 tier: production's DDL (the fixture of the platform's {@code ta-schema.sql})
 * runs on ClickHouse 26 with only its replication taken out; the job's strict check refuses those
 * tables naming the migration, and starts after it; the sink's RowBinary batches of a reference
 * tape read back as the reference, every column, NULLs and DateTime64 milliseconds included; and
 * the platform's readers' queries and the replay tool's SQL answer as they must, a replay's rows
 * visible twice until merged.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClickHouse26ITCase {
    static final String DB = "torghut";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern KEEPER_ARGS =
            Pattern.compile("'(/clickhouse/tables/\\{cluster}/\\{shard}/(\\w+))', '\\{replica}', ");

    @TempDir static Path dir;
    static EmbeddedClickHouse ch;
    static String version;
    static SchemaInitializer.Plans plans;
    static TapeGenerator.Tape tape;
    static TaConfig config;

    /**
     * Yesterday's session: production's tables drop rows whose event_ts is older than their TTL (35
     * days) as they are inserted, so a fixed date would eventually read back empty.
     */
    static final Instant SESSION =
            LocalDate.now(ZoneOffset.UTC).minusDays(1).atTime(14, 30).toInstant(ZoneOffset.UTC);

    static final Instant SESSION_END = SESSION.plusSeconds(120);

    @BeforeAll
    static void open() {
        ch = EmbeddedClickHouse.open(dir.resolve("chdb"));
        version = ch.select("SELECT version()").get(0).get(0);
        tape =
                TapeGenerator.generate(
                        TapeGenerator.Options.defaults().withStart(SESSION).withMinutes(2));
        config = JobScenario.config(Map.of(TaConfigKey.TA_KAFKA_SECURITY, "PLAINTEXT"));
    }

    @AfterAll
    static void close() {
        if (ch != null) {
            ch.close();
        }
    }

    @Test
    @Order(1)
    void productionsDdlRunsAsWrittenButForReplication() {
        assertThat(version).startsWith("26.");
        List<String> statements =
                WithoutReplication.statements(
                        ProductionFixtures.text(ProductionFixtures.Fixture.CLICKHOUSE_DDL));
        assertThat(statements).hasSize(9);
        for (String original : statements) {
            String substituted = WithoutReplication.apply(original);
            // The only differences: no ON CLUSTER, and the engine without "Replicated" and its
            // Keeper path and replica arguments.
            Matcher keeper = KEEPER_ARGS.matcher(original);
            String expected = original.replace(" ON CLUSTER default", "");
            if (keeper.find()) {
                expected = expected.replace(keeper.group(), "").replace("Replicated", "");
                assertThat(original).contains("ReplicatedReplacingMergeTree('" + keeper.group(1));
            }
            assertThat(substituted).as("substitution of %s", original).isEqualTo(expected);
            ch.execute(substituted);
        }
        for (TaTable t : List.of(TaTables.MICROBARS, TaTables.SIGNALS)) {
            List<List<String>> table =
                    ch.select(
                            "SELECT engine, partition_key, sorting_key, engine_full FROM"
                                    + " system.tables WHERE database = '"
                                    + DB
                                    + "' AND name = '"
                                    + t.name()
                                    + "'");
            assertThat(table.get(0).subList(0, 3))
                    .containsExactly(
                            "ReplacingMergeTree", "toDate(event_ts)", "symbol, event_ts, seq");
            assertThat(table.get(0).get(3))
                    .contains("ReplacingMergeTree(ingest_ts)")
                    .contains("TTL toDateTime(event_ts) + toIntervalDay(35)");
        }
        assertThat(columns("ta_signals"))
                .as("production's ta_signals on 26: seq before ingest_ts, UInt64 sizes")
                .containsSubsequence(
                        List.of("seq", "UInt64"), List.of("ingest_ts", "DateTime64(3, 'UTC')"))
                .contains(List.of("imbalance_bid_sz", "Nullable(UInt64)"))
                .doesNotContain(List.of("imbalance_mid", "Nullable(Float64)"));
    }

    @Test
    @Order(2)
    void theStrictCheckRefusesProductionsTablesWithTheMigrationAndStartsAfterIt()
            throws IOException {
        assertThatThrownBy(() -> SchemaInitializer.check(ch, DB, version, false, true, false))
                .isInstanceOf(SchemaInitializer.SchemaMismatchException.class)
                .hasMessageContaining("torghut.ta_signals lacks column imbalance_mid")
                .hasMessageContaining(
                        "ALTER TABLE torghut.ta_signals ADD COLUMN IF NOT EXISTS imbalance_mid"
                                + " Nullable(Float64) AFTER imbalance_ask_sz")
                .hasMessageContaining(
                        "ALTER TABLE torghut.ta_signals ADD COLUMN IF NOT EXISTS imbalance_ratio"
                                + " Nullable(Float64) AFTER imbalance_mid");
        for (String statement :
                WithoutReplication.statements(resource("migration-from-original"))) {
            ch.execute(WithoutReplication.apply(statement));
        }
        plans = SchemaInitializer.check(ch, DB, version, false, true, false);
        assertThat(plans.signals().columns()).isEqualTo(TaTables.SIGNALS.columnNames());
        assertThat(plans.bars().columns()).isEqualTo(TaTables.MICROBARS.columnNames());
        ColumnEncoding size =
                plans.signals().encodings()[plans.signals().columns().indexOf("imbalance_bid_sz")];
        assertThat(size.base()).isEqualTo(ColumnEncoding.Base.ROUNDED_UINT64);
        assertThat(columns("ta_signals"))
                .containsSubsequence(
                        List.of("imbalance_ask_sz", "Nullable(UInt64)"),
                        List.of("imbalance_mid", "Nullable(Float64)"),
                        List.of("imbalance_ratio", "Nullable(Float64)"),
                        List.of("vol_realized_w60s", "Nullable(Float64)"));
    }

    @Test
    @Order(3)
    void theSinksRowBinaryBatchesReadBackAsTheReference() {
        long firstWrite = SESSION.plusSeconds(1800).toEpochMilli();
        insertReference(firstWrite);
        Diff.assertSameRows(
                rows(TaTables.MICROBARS, ""), Reference.barRows(tape, false), "ta_microbars on 26");
        Diff.assertSameRows(
                rows(TaTables.SIGNALS, ""),
                Reference.signalRows(tape, config, false),
                "ta_signals on 26");
        assertThat(
                        ch.select(
                                "SELECT countIf(imbalance_bid_sz IS NULL), countIf(window_step IS"
                                        + " NULL), min(toUnixTimestamp64Milli(ingest_ts)) FROM "
                                        + DB
                                        + ".ta_signals"))
                .as("NULLs and DateTime64 milliseconds come back as written")
                .containsExactly(
                        List.of(
                                Long.toString(
                                        Reference.signals(tape, config).values().stream()
                                                .filter(s -> !Double.isFinite(s.imbalanceBidSz()))
                                                .count()),
                                "0",
                                Long.toString(firstWrite)));

        // A replay writes the same identities again with a later ingest_ts: readers (no FINAL)
        // see each row twice until ClickHouse merges; FINAL sees one, the newest. Merges are
        // stopped so that state holds for the readers' queries below.
        ch.execute("SYSTEM STOP MERGES " + DB + ".ta_microbars");
        ch.execute("SYSTEM STOP MERGES " + DB + ".ta_signals");
        insertReference(firstWrite + 3_600_000);
        long identities = Reference.barRows(tape, false).size();
        assertThat(count("ta_microbars", "")).isEqualTo(2 * identities);
        assertThat(count("ta_microbars", " FINAL")).isEqualTo(identities);
        Diff.assertSameRows(
                rows(TaTables.SIGNALS, " FINAL"),
                Reference.signalRows(tape, config, false),
                "ta_signals FINAL on 26 after the replay");
    }

    @Test
    @Order(4)
    void theReadersQueriesAnswerAsTheyMustAndSeeAReplayTwice() throws IOException {
        Bar last =
                Reference.bars(tape).values().stream()
                        .filter(b -> b.symbol().equals("AAPL"))
                        .reduce((a, b) -> b)
                        .orElseThrow();
        // The trading service's latest price.
        assertThat(
                        ch.select(
                                "SELECT toUnixTimestamp64Milli(event_ts), c, vwap FROM "
                                        + DB
                                        + ".ta_microbars WHERE symbol = 'AAPL' ORDER BY event_ts"
                                        + " DESC LIMIT 1"))
                .containsExactly(
                        List.of(
                                Long.toString(last.windowEndMs()),
                                Double.toString(last.close()).replaceAll("\\.0$", ""),
                                Double.toString(last.vwap()).replaceAll("\\.0$", "")));

        // The trading service's paged read of signals (no FINAL), by its cursor.
        String from = sqlTime(SESSION);
        String to = sqlTime(SESSION_END);
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        while (true) {
            String sql =
                    "SELECT symbol, event_ts, seq, ema12, rsi14, window_size FROM "
                            + DB
                            + ".ta_signals WHERE event_ts >= toDateTime64('"
                            + from
                            + "', 3, 'UTC') AND event_ts <= toDateTime64('"
                            + to
                            + "', 3, 'UTC') AND lower(source) IN ('ta') AND symbol IN ('AAPL',"
                            + " 'MSFT') AND window_size IN ('PT1S')"
                            + (cursor == null ? "" : " AND (event_ts, symbol, seq) > " + cursor)
                            + " ORDER BY event_ts, symbol, seq LIMIT 500 FORMAT JSONEachRow";
            List<JsonNode> page = jsonRows(sql);
            if (page.isEmpty()) {
                break;
            }
            all.addAll(page);
            JsonNode l = page.get(page.size() - 1);
            cursor =
                    "(toDateTime64('"
                            + l.get("event_ts").asText()
                            + "', 3, 'UTC'), '"
                            + l.get("symbol").asText()
                            + "', "
                            + l.get("seq").asText()
                            + ")";
        }
        long secondSignals =
                Reference.signals(tape, config).values().stream()
                        .filter(s -> s.windowSizeMs() == 1000)
                        .filter(s -> s.symbol().equals("AAPL") || s.symbol().equals("MSFT"))
                        .filter(s -> s.eventTimeMs() <= SESSION_END.toEpochMilli())
                        .count();
        // Both copies come back: the cursor only moves past the last row of a page, and a page
        // holds a row and its copy side by side. This is what the optimize step is for.
        assertThat(all).hasSize(2 * (int) secondSignals);
        assertThat(all.stream().map(JsonNode::toString).distinct()).hasSize((int) secondSignals);

        // Its join of the micro-bars' volume, and the Jangar UI's queries with parameters.
        List<List<String>> joined =
                ch.select(
                        "SELECT count(), countIf(m.v > 0) FROM "
                                + DB
                                + ".ta_signals s ANY LEFT JOIN "
                                + DB
                                + ".ta_microbars m ON s.symbol = m.symbol AND s.event_ts ="
                                + " m.event_ts WHERE s.window_size = 'PT1S' AND s.symbol ="
                                + " 'AAPL'");
        assertThat(joined.get(0).get(0)).isEqualTo(joined.get(0).get(1));
        ch.execute("SET param_symbol = 'AAPL'");
        List<List<String>> jangar =
                ch.select(
                        "SELECT * FROM "
                                + DB
                                + ".ta_signals WHERE symbol = {symbol:String} AND event_ts"
                                + " BETWEEN toDateTime64('"
                                + from
                                + "', 3, 'UTC') AND toDateTime64('"
                                + to
                                + "', 3, 'UTC') ORDER BY event_ts");
        assertThat(jangar).isNotEmpty().allMatch(r -> r.get(0).equals("AAPL"));
        List<List<String>> latest =
                ch.select(
                        "SELECT symbol, seq FROM "
                                + DB
                                + ".ta_signals WHERE symbol = {symbol:String} ORDER BY event_ts"
                                + " DESC, symbol DESC, seq DESC LIMIT 1");
        assertThat(latest).hasSize(1);

        // The replay tool's verify SQL, read by its reader.
        ClickHouseReader reader = new ClickHouseReader(ch);
        List<Freshness.Row> freshness =
                reader.freshness(
                        "ta_signals",
                        VerifyQueries.freshness(DB, "ta_signals", List.of("AAPL"), 5));
        long lastAapl =
                Reference.signals(tape, config).values().stream()
                        .filter(r -> r.symbol().equals("AAPL"))
                        .mapToLong(SignalRow::eventTimeMs)
                        .max()
                        .orElseThrow();
        assertThat(freshness)
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.symbol()).isEqualTo("AAPL");
                            assertThat(r.maxEventTs())
                                    .isEqualTo(Instant.ofEpochMilli(lastAapl / 1000 * 1000));
                            assertThat(r.serverNow())
                                    .isCloseTo(Instant.now(), within(60, ChronoUnit.SECONDS));
                        });
        List<Parity.Fingerprint> fingerprint =
                reader.fingerprints(
                        "ta_microbars",
                        VerifyQueries.fingerprint(
                                DB, "ta_microbars", List.of("AAPL"), SESSION, SESSION_END, null));
        long aaplBars =
                Reference.bars(tape).values().stream()
                        .filter(b -> b.symbol().equals("AAPL"))
                        .filter(b -> b.windowEndMs() < SESSION_END.toEpochMilli())
                        .count();
        assertThat(fingerprint.stream().mapToLong(Parity.Fingerprint::rowCount).sum())
                .as("verify counts each identity once though the replay wrote it twice")
                .isEqualTo(aaplBars);
    }

    @Test
    @Order(5)
    void verifyReportsTheCopiesReadersSeeAndTheOptimizeStepMergesOnlyThoseWithCopies() {
        Instant from = SESSION.minus(Duration.ofMinutes(30));
        Instant to = SESSION_END.plus(Duration.ofMinutes(30));
        ClickHouseReader reader = new ClickHouseReader(ch);
        List<Visibility.Partition> before = visibility(reader, from, to);
        long identities = Reference.barRows(tape, false).size();
        String day = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC).format(SESSION);
        assertThat(before)
                .containsExactly(
                        new Visibility.Partition("ta_microbars", day, 2 * identities, identities),
                        new Visibility.Partition(
                                "ta_signals",
                                day,
                                2L * Reference.signals(tape, config).size(),
                                Reference.signals(tape, config).size()));

        List<Visibility.PartitionParts> parts = new ArrayList<>();
        for (String table : List.of("ta_microbars", "ta_signals")) {
            parts.addAll(
                    reader.parts(
                            table,
                            VerifyQueries.parts(
                                    DB,
                                    table,
                                    List.of(
                                            LocalDate.parse(day),
                                            LocalDate.parse(day).minusDays(1)))));
        }
        assertThat(parts)
                .allSatisfy(
                        p -> {
                            assertThat(p.partition()).isEqualTo(day);
                            assertThat(p.partitionId()).isEqualTo(day.replace("-", ""));
                            assertThat(p.parts()).isEqualTo(2);
                            assertThat(p.bytesOnDisk()).isPositive();
                        });
        List<OptimizePlan.Merge> merges = OptimizePlan.plan(DB, before, parts);
        assertThat(merges).hasSize(2);

        // Merges stopped, as they are while the replay's copies are still there: the step's
        // settings make the declined merge an error instead of a silent no-op.
        assertThatThrownBy(
                        () ->
                                reader.execute(
                                        merges.get(0).statement(), VerifyQueries.OPTIMIZE_SETTINGS))
                .hasMessageContaining("OPTIMIZE");
        ch.execute("SYSTEM START MERGES " + DB + ".ta_microbars");
        ch.execute("SYSTEM START MERGES " + DB + ".ta_signals");
        for (OptimizePlan.Merge m : merges) {
            reader.execute(m.statement(), VerifyQueries.OPTIMIZE_SETTINGS);
        }
        assertThat(visibility(reader, from, to))
                .allSatisfy(p -> assertThat(p.extraCopies()).isZero())
                .extracting(Visibility.Partition::finalRows)
                .containsExactly(identities, (long) Reference.signals(tape, config).size());
        Diff.assertSameRows(
                rows(TaTables.SIGNALS, ""),
                Reference.signalRows(tape, config, false),
                "ta_signals after the optimize step, read without FINAL");
        assertThat(
                        ch.select(
                                "SELECT min(toUnixTimestamp64Milli(ingest_ts)) FROM "
                                        + DB
                                        + ".ta_signals"))
                .as("the replay's copy, the newer, is the one kept")
                .containsExactly(
                        List.of(Long.toString(SESSION.plusSeconds(1800 + 3600).toEpochMilli())));
    }

    @Test
    @Order(6)
    void checkWindowReadsProductionsTtlFromTheServersTableDefinitions() {
        Map<String, String> definitions =
                new ClickHouseReader(ch)
                        .createTableQueries(
                                OutputTtl.query(DB, List.of("ta_microbars", "ta_signals")));
        assertThat(definitions).containsOnlyKeys("ta_microbars", "ta_signals");
        for (String definition : definitions.values()) {
            // 26 writes the interval back in its own form, not as the DDL spelled it.
            assertThat(definition).contains("toIntervalDay(35)");
            assertThat(OutputTtl.of(definition))
                    .isEqualTo(new OutputTtl.Reading.Expires(Duration.ofDays(35)));
        }
    }

    @Test
    @Order(7)
    void rowsOlderThanTheTablesTtlAreDroppedAsTheyAreInserted() {
        // Production's TTL is 35 days on event_ts: a replay of a session older than that is
        // accepted by the server and leaves nothing a reader can see.
        Instant old = SESSION.minus(Duration.ofDays(36));
        Instant recent = SESSION.minus(Duration.ofDays(33));
        for (Instant start : List.of(old, recent)) {
            TapeGenerator.Tape t =
                    TapeGenerator.generate(
                            TapeGenerator.Options.defaults().withStart(start).withMinutes(1));
            for (ReferenceBatches.Batch b :
                    ReferenceBatches.of(plans, t, config, SESSION.toEpochMilli())) {
                assertThat(b.rows()).isPositive();
                ch.insertRowBinary(DB + "." + b.table(), b.columns(), b.bytes(), b.bytes().length);
            }
        }
        ClickHouseReader reader = new ClickHouseReader(ch);
        for (String table : List.of("ta_microbars", "ta_signals")) {
            Map<String, Long> perDay =
                    reader.rowsPerPartition(
                            VerifyQueries.rowsPerPartition(
                                    DB,
                                    table,
                                    old.minus(Duration.ofDays(1)),
                                    recent.plus(Duration.ofDays(1)),
                                    false));
            assertThat(perDay)
                    .as("%s: the day 36 days back is gone, the day 33 days back is kept", table)
                    .containsOnlyKeys(
                            DateTimeFormatter.ISO_LOCAL_DATE
                                    .withZone(ZoneOffset.UTC)
                                    .format(recent));
        }
    }

    private static List<Visibility.Partition> visibility(
            ClickHouseReader reader, Instant from, Instant to) {
        List<Visibility.Partition> out = new ArrayList<>();
        for (String table : List.of("ta_microbars", "ta_signals")) {
            out.addAll(
                    Visibility.combine(
                            table,
                            reader.rowsPerPartition(
                                    VerifyQueries.rowsPerPartition(DB, table, from, to, false)),
                            reader.rowsPerPartition(
                                    VerifyQueries.rowsPerPartition(DB, table, from, to, true))));
        }
        return out;
    }

    /** The reference tape's rows encoded by the sink's plans and inserted as it would send them. */
    private static void insertReference(long ingestTs) {
        for (ReferenceBatches.Batch b : ReferenceBatches.of(plans, tape, config, ingestTs)) {
            ch.insertRowBinary(DB + "." + b.table(), b.columns(), b.bytes(), b.bytes().length);
        }
    }

    private static String sqlTime(Instant t) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
                .withZone(ZoneOffset.UTC)
                .format(t);
    }

    private static Map<String, List<String>> rows(TaTable table, String modifier) {
        List<String> select = new ArrayList<>();
        for (TaTable.Column c : table.columns()) {
            select.add(
                    c.type().isTimestamp() ? "toUnixTimestamp64Milli(" + c.name() + ")" : c.name());
        }
        List<List<String>> out = new ArrayList<>();
        for (List<String> r :
                ch.select(
                        "SELECT "
                                + String.join(", ", select)
                                + " FROM "
                                + DB
                                + "."
                                + table.name()
                                + modifier)) {
            out.add(OutputRows.fromClickHouse(table, r, false));
        }
        return OutputRows.byIdentity(table, out);
    }

    private static long count(String table, String modifier) {
        return Long.parseLong(
                ch.select("SELECT count() FROM " + DB + "." + table + modifier).get(0).get(0));
    }

    private static List<List<String>> columns(String table) {
        return ch.select(
                "SELECT name, type FROM system.columns WHERE database = '"
                        + DB
                        + "' AND table = '"
                        + table
                        + "' ORDER BY position");
    }

    private static List<JsonNode> jsonRows(String sql) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        String text =
                new String(
                        ch.query(sql.getBytes(StandardCharsets.UTF_8), "JSONEachRow"),
                        StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in =
                TaTables.class.getResourceAsStream("/clickhouse/ta_schema." + name + ".sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
