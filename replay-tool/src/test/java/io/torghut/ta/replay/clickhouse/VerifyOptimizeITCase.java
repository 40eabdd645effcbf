package io.torghut.ta.replay.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.job.clickhouse.ClickHouseDialect;
import io.torghut.ta.job.clickhouse.HttpClickHouse;
import io.torghut.ta.job.clickhouse.SchemaInitializer;
import io.torghut.ta.job.clickhouse.TaTable;
import io.torghut.ta.job.clickhouse.TaTables;
import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.job.config.TaConfigKey;
import io.torghut.ta.local.TapeGenerator;
import io.torghut.ta.replay.testutil.GitOpsFixture;
import io.torghut.ta.replay.testutil.ToolRun;
import io.torghut.ta.testkit.ClickHouseServer;
import io.torghut.ta.testkit.JobScenario;
import io.torghut.ta.testkit.Reference;
import io.torghut.ta.testkit.ReferenceBatches;
import io.torghut.ta.testkit.TestPlatform;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify} and {@code optimize} through the CLI against the test platform's ClickHouse
 * (18.16): a live session written once, then again by a replay, as the sink writes it (RowBinary of
 * the reference rows, a later ingest_ts the second time), and an older day with copies outside the
 * replay's window. Merges are stopped while the copies must stay, as they stay in production until
 * ClickHouse gets round to them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VerifyOptimizeITCase {
    static final TestPlatform PLATFORM = TestPlatform.shared();
    static final String DB = "verify_optimize";
    static final String ID = "2026-11-30T0315Z-INC77";

    /** A live session that ended a minute ago, so freshness passes, and within today (UTC). */
    static final Instant SESSION = session();

    /** A day outside the replay window, with copies of its own. */
    static final Instant OLDER = SESSION.minus(Duration.ofDays(3));

    static final String TODAY =
            DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC).format(SESSION);
    static final String OLDER_ID =
            DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC).format(OLDER);

    @TempDir static Path dir;
    static ClickHouseServer server;
    static TapeGenerator.Tape tape;
    static TaConfig config;
    static GitOpsFixture gitops;

    @BeforeAll
    static void writeALiveSessionAndItsReplay() {
        server = PLATFORM.clickhouse();
        server.execute("DROP DATABASE IF EXISTS " + DB);
        config = JobScenario.config(Map.of(TaConfigKey.TA_KAFKA_SECURITY, "PLAINTEXT"));
        tape = tape(SESSION);
        TapeGenerator.Tape older = tape(OLDER);
        server.execute("CREATE DATABASE " + DB);
        try (HttpClickHouse ch =
                server.client(DB, PLATFORM.clickhouseUser(), PLATFORM.clickhousePassword())) {
            String version = ch.serverVersion();
            for (TaTable t : List.of(TaTables.MICROBARS, TaTables.SIGNALS)) {
                // The job's DDL, with background merges of any size refused: the copies stay
                // until the optimize step merges them (OPTIMIZE is not bound by this limit).
                String ddl = t.ddl(DB, ClickHouseDialect.forServerVersion(version));
                assertThat(ddl).endsWith("SETTINGS index_granularity = 8192");
                ch.execute(ddl + ", max_bytes_to_merge_at_max_space_in_pool = 1");
            }
            SchemaInitializer.Plans plans =
                    SchemaInitializer.check(ch, DB, version, false, true, false);
            ch.execute("SYSTEM STOP MERGES " + DB + ".ta_microbars");
            ch.execute("SYSTEM STOP MERGES " + DB + ".ta_signals");
            long live = SESSION.toEpochMilli();
            for (long ingest : new long[] {live, live + 60_000}) {
                for (TapeGenerator.Tape t : List.of(tape, older)) {
                    for (ReferenceBatches.Batch b : ReferenceBatches.of(plans, t, config, ingest)) {
                        ch.insertRowBinary(b.table(), b.columns(), b.bytes(), b.bytes().length);
                    }
                }
            }
        }
        // A Mode 1 replay that restarted, caught up and checked a window of today only.
        gitops = GitOpsFixture.production(dir.resolve("gitops"));
        for (int step = 1; step <= 4; step++) {
            gitops.appendLedger(
                    "{\"at\":\"2026-11-30T03:1"
                            + step
                            + ":00Z\",\"replayId\":\""
                            + ID
                            + "\",\"mode\":\"mode1\",\"step\":"
                            + step
                            + ",\"action\":\""
                            + List.of(
                                            "pause-trading",
                                            "suspend",
                                            "fresh-group",
                                            "restart-stateless")
                                    .get(step - 1)
                            + "\"}");
            if (step == 2) {
                gitops.appendLedger(window());
            }
        }
    }

    @AfterAll
    static void dropTheDatabase() {
        server.execute("DROP DATABASE IF EXISTS " + DB);
    }

    @Test
    @Order(1)
    void verifyReportsWhatReadersSeePerPartition() {
        ToolRun r =
                tool(
                        "verify",
                        "--symbols",
                        "AAPL,MSFT",
                        "--from",
                        SESSION.minus(Duration.ofHours(1)).toString(),
                        "--to",
                        SESSION.plus(Duration.ofHours(1)).toString());
        assertThat(r.exitCode).as(r.toString()).isZero();
        long bars = Reference.barRows(tape, false).size();
        long signals = Reference.signals(tape, config).size();
        String day = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC).format(SESSION);
        assertThat(r.out)
                .contains(
                        String.format(
                                "visibility: ta_microbars %s  readers %,d  FINAL %,d  extra copies"
                                        + " %,d",
                                day, 2 * bars, bars, bars))
                .contains(
                        String.format(
                                "visibility: ta_signals   %s  readers %,d  FINAL %,d  extra copies"
                                        + " %,d",
                                day, 2 * signals, signals, signals))
                .contains(
                        String.format(
                                "readers without FINAL see %,d rows twice or more", bars + signals))
                .contains("PASSED");
    }

    @Test
    @Order(2)
    void parityOfTheReplayedRowsAndItsChartBeforeTheMerge() throws Exception {
        String from = SESSION.toString();
        String to = SESSION.plus(Duration.ofMinutes(2)).toString();
        Path baseline = dir.resolve("baseline.json");
        ToolRun saved =
                tool(
                        "verify",
                        "--symbols",
                        "AAPL,MSFT",
                        "--from",
                        from,
                        "--to",
                        to,
                        "--baseline-out",
                        baseline.toString());
        assertThat(saved.exitCode).as(saved.toString()).isZero();
        Path charts = dir.resolve("charts");
        ToolRun r =
                tool(
                        "verify",
                        "--symbols",
                        "AAPL,MSFT",
                        "--from",
                        from,
                        "--to",
                        to,
                        "--baseline",
                        baseline.toString(),
                        "--replayed-since",
                        SESSION.plusSeconds(30).toString(),
                        "--parity-chart",
                        charts.toString());
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out)
                .contains("parity: replayed rows match the baseline")
                .contains("parity chart: Chart of AAPL: 0 of 240 identities differ")
                .contains("parity chart: Chart of MSFT: 0 of 240 identities differ");
        for (String symbol : List.of("AAPL", "MSFT")) {
            Path page = charts.resolve("parity-" + symbol + ".html");
            assertThat(page).isRegularFile();
            assertThat(java.nio.file.Files.readString(page)).contains(symbol);
        }
    }

    @Test
    @Order(3)
    void optimizeIsRefusedBeforeTheReplayHasAPassedVerify() {
        ToolRun r = tool("optimize", "--replay-id", ID);
        assertThat(r.exitCode).isEqualTo(3);
        assertThat(r.err).contains("has no passed verify since its restart");
    }

    @Test
    @Order(4)
    void optimizePrintsOnlyTheWindowsMergesWithTheirCostAndRunsNothing() {
        gitops.appendLedger(
                "{\"at\":\"2026-11-30T04:00:00Z\",\"replayId\":\""
                        + ID
                        + "\",\"mode\":\"verify\",\"action\":\"verify\",\"passed\":true,"
                        + "\"detail\":\"freshness ok\"}");
        ToolRun r = tool("optimize", "--replay-id", ID);
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out)
                .contains(
                        "OPTIMIZE TABLE "
                                + DB
                                + ".ta_microbars PARTITION ID '"
                                + TODAY
                                + "' FINAL  -- ")
                .contains("OPTIMIZE TABLE " + DB + ".ta_signals PARTITION ID '" + TODAY + "' FINAL")
                .containsPattern("2 parts, [0-9,]+ rows, [0-9.,]+ KiB on disk rewritten")
                .contains("cost: 2 merges reading and writing")
                .contains("Not run. Add --confirm")
                .doesNotContain("PARTITION ID '" + OLDER_ID + "'");
        assertThat(count("ta_signals", TODAY))
                .isEqualTo(2L * Reference.signals(tape, config).size());
    }

    @Test
    @Order(5)
    void aMergeTheServerCancelsFailsTheStepWithTheServersError() {
        // Merges are still stopped, as an operator may have stopped them: the server cancels the
        // merge, and the step says so and records nothing.
        ToolRun r = tool("optimize", "--replay-id", ID, "--confirm");
        assertThat(r.exitCode).as(r.toString()).isEqualTo(1);
        assertThat(r.err).contains("OPTIMIZE TABLE " + DB + ".ta_microbars").contains("ERROR");
        assertThat(r.err).contains("Cancelled merging parts");
        assertThat(count("ta_microbars", TODAY))
                .isEqualTo(2L * Reference.barRows(tape, false).size());
        assertThat(gitops.read(GitOpsFixture.LEDGER)).doesNotContain("\"mode\":\"optimize\"");
    }

    @Test
    @Order(6)
    void withConfirmReadersSeeEachRowOnceAndTheOlderDayKeepsItsCopies() {
        server.execute("SYSTEM START MERGES " + DB + ".ta_microbars");
        server.execute("SYSTEM START MERGES " + DB + ".ta_signals");
        ToolRun r = tool("optimize", "--replay-id", ID, "--confirm");
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out)
                .contains("merged ta_microbars")
                .contains("merged ta_signals")
                .contains("visibility: readers see each row once")
                .contains("MERGED");
        assertThat(count("ta_signals", TODAY)).isEqualTo(Reference.signals(tape, config).size());
        assertThat(count("ta_microbars", TODAY)).isEqualTo(Reference.barRows(tape, false).size());
        TapeGenerator.Tape older = tape(OLDER);
        assertThat(count("ta_signals", OLDER_ID))
                .as("the day outside the window is not merged")
                .isEqualTo(2L * Reference.signals(older, config).size());
        assertThat(gitops.read(GitOpsFixture.LEDGER))
                .contains("\"mode\":\"optimize\"")
                .contains("2 partitions merged, 0 copies left");
        // Nothing left to do: a second run merges nothing.
        ToolRun again = tool("optimize", "--replay-id", ID);
        assertThat(again.out).contains("Nothing to merge");
    }

    private static ToolRun tool(String... args) {
        String[] withServer =
                gitops.args(
                        concat(
                                args,
                                "--clickhouse-url",
                                server.jdbcUrl(DB),
                                "--clickhouse-user",
                                PLATFORM.clickhouseUser(),
                                "--database",
                                DB));
        String password = PLATFORM.clickhousePassword();
        return ToolRun.run(
                Map.of("TA_CLICKHOUSE_PASSWORD", password == null ? "" : password), withServer);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static long count(String table, String partitionId) {
        return Long.parseLong(
                server.queryStrings(
                                "SELECT sum(rows) FROM system.parts WHERE active AND database = '"
                                        + DB
                                        + "' AND table = '"
                                        + table
                                        + "' AND partition_id = '"
                                        + partitionId
                                        + "'")
                        .get(0)
                        .get(0));
    }

    private static Instant session() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant midnight = now.truncatedTo(ChronoUnit.DAYS);
        Instant start = now.minus(Duration.ofMinutes(3));
        return start.isBefore(midnight) ? midnight : start;
    }

    private static TapeGenerator.Tape tape(Instant start) {
        return TapeGenerator.generate(
                TapeGenerator.Options.defaults().withStart(start).withMinutes(2));
    }

    private static String window() {
        return "{\"at\":\"2026-11-30T03:12:30Z\",\"replayId\":\""
                + ID
                + "\",\"mode\":\"check-window\",\"action\":\"check-window\",\"window\":{\"from\":\""
                + SESSION.minus(Duration.ofHours(1))
                + "\",\"to\":\""
                + SESSION.plus(Duration.ofHours(1))
                + "\"},\"passed\":true,\"detail\":\"feasible\"}";
    }
}
