package io.torghut.ta.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torghut.ta.job.clickhouse.SchemaInitializer;
import io.torghut.ta.job.clickhouse.TaTables;
import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.job.config.TaConfigKey;
import io.torghut.ta.testkit.Await;
import io.torghut.ta.testkit.JobScenario;
import io.torghut.ta.testkit.LocalFlink;
import io.torghut.ta.testkit.LogCapture;
import io.torghut.ta.testkit.TestPlatform;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform's ClickHouse incidents on the 18.16 server, each on a platform of its own (they stop
 * the server or take the job's user's write rights away):
 *
 * <ul>
 *   <li>2026-01-01, Keeper lost its metadata and the replicas went read-only: the job's user is
 *       switched to a read-only profile mid-run; the sink's inserts are refused, it backs off and
 *       tries again, counts each retry in its metrics and logs the server's error, and once writes
 *       are accepted again nothing is lost;
 *   <li>2026-03-02, the job started before ClickHouse's name resolved: a server that is not yet up
 *       is waited for within the configured tries, and a name that never resolves fails start-up
 *       after them with a message naming the endpoint.
 * </ul>
 */
class ClickHouseIncidentsITCase {
    static final String PASSWORD = "ch-writer-Pa55";

    @TempDir Path dir;

    @Test
    void writesRefusedByReadOnlyTablesBackOffCountAndLoseNothing() throws Exception {
        try (TestPlatform platform =
                        TestPlatform.isolated(dir.resolve("platform"))
                                .clickhouseUser("ta_writer", PASSWORD)
                                .build();
                LogCapture log = LogCapture.start(dir.resolve("job.log"))) {
            JobScenario s =
                    platform.scenario("readonly")
                            .tape(JobScenario.tape(3, 4, 3, 3))
                            .withClickHouse()
                            .build();
            TaConfig config =
                    s.config(
                            "ta-readonly",
                            Map.of(
                                    TaConfigKey.TA_CLICKHOUSE_MAX_RETRIES, "100",
                                    TaConfigKey.TA_CLICKHOUSE_BATCH_SIZE, "200"));
            LocalFlink flink = platform.flink();
            JobID job = flink.job(config).restartingAsInProduction().submit().getJobID();
            String id = job.toHexString();
            s.produceSlices(0, 2, 6, Duration.ZERO);
            Await.until(
                    "the first rows in ClickHouse",
                    Duration.ofMinutes(2),
                    () -> s.clickhouseCount(TaTables.MICROBARS) > 0);

            platform.clickhouse().setReadOnly("ta_writer", true);
            s.produceSlices(2, 4, 6, Duration.ZERO);
            long[] retries = {0};
            Await.until(
                    "the sinks to retry refused inserts",
                    Duration.ofMinutes(2),
                    () -> {
                        retries[0] = clickhouseMetric(flink, id, "retries");
                        return retries[0] >= 3;
                    });
            long storedWhileReadOnly = s.clickhouseCount(TaTables.MICROBARS);
            platform.clickhouse().setReadOnly("ta_writer", false);

            s.produceSlices(4, 6, 6, Duration.ZERO);
            s.produceSentinels();
            s.awaitComplete(config, false, Duration.ofMinutes(3));
            s.assertClickHouseOutput(config);

            assertThat(flink.rest.freshJobMetric(id, "numRestarts"))
                    .as("the sink waited the refusals out without failing the job")
                    .isZero();
            assertThat(clickhouseMetric(flink, id, "failures")).isZero();
            assertThat(clickhouseMetric(flink, id, "rows_written"))
                    .isGreaterThanOrEqualTo(
                            s.expectedBars(true).size() + s.expectedSignals(config, true).size());
            assertThat(log.text())
                    .as("the log names the server's refusal")
                    .contains("ClickHouse insert of")
                    .contains("Code: 164")
                    .contains("readonly mode")
                    .doesNotContain(PASSWORD);
            System.out.printf(
                    "read-only tables: %d retries counted while refused (%d bar rows stored"
                            + " before); after writes were accepted again ClickHouse FINAL holds"
                            + " %d bars and %d signals, equal to the reference; lost 0%n",
                    retries[0],
                    storedWhileReadOnly,
                    s.clickhouseCount(TaTables.MICROBARS),
                    s.clickhouseCount(TaTables.SIGNALS));
            flink.cancel(job);
        }
    }

    @Test
    void aServerNotYetUpIsWaitedForAndANameThatNeverResolvesFailsNamingTheEndpoint()
            throws Exception {
        try (TestPlatform platform = TestPlatform.isolated(dir.resolve("late")).build()) {
            JobScenario s =
                    platform.scenario("late-start")
                            .tape(JobScenario.tape(5, 1, 1, 1))
                            .withClickHouse()
                            .build();
            TaConfig waiting =
                    s.config(
                            "ta-late",
                            Map.of(
                                    TaConfigKey.TA_CLICKHOUSE_SCHEMA_INIT_MAX_RETRIES, "40",
                                    TaConfigKey.TA_CLICKHOUSE_SCHEMA_INIT_RETRY_DELAY_MS, "250"));
            platform.clickhouse().stop();
            CompletableFuture<SchemaInitializer.Targets> started =
                    CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    return SchemaInitializer.initialize(waiting);
                                } catch (InterruptedException e) {
                                    throw new IllegalStateException(e);
                                }
                            });
            Await.sleep(Duration.ofSeconds(2));
            assertThat(started).as("still waiting for the server").isNotDone();
            platform.clickhouse().start();
            SchemaInitializer.Targets targets = started.get();
            assertThat(targets.serverVersion()).startsWith("18.16");
            assertThat(targets.signals().columns()).isEqualTo(TaTables.SIGNALS.columnNames());

            TaConfig nowhere =
                    s.config(
                            "ta-nowhere",
                            Map.of(
                                    TaConfigKey.TA_CLICKHOUSE_URL,
                                    "jdbc:clickhouse://torghut-clickhouse.invalid:8123/torghut",
                                    TaConfigKey.TA_CLICKHOUSE_PASSWORD,
                                    PASSWORD,
                                    TaConfigKey.TA_CLICKHOUSE_SCHEMA_INIT_MAX_RETRIES,
                                    "3",
                                    TaConfigKey.TA_CLICKHOUSE_SCHEMA_INIT_RETRY_DELAY_MS,
                                    "300"));
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> SchemaInitializer.initialize(nowhere))
                    .hasMessageContaining(
                            "ClickHouse at http://torghut-clickhouse.invalid:8123 (database"
                                    + " torghut) did not answer after 4 attempts 300 ms apart")
                    .hasMessageContaining("TA_CLICKHOUSE_SCHEMA_INIT_MAX_RETRIES")
                    .hasMessageNotContaining(PASSWORD);
            long waitedMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(waitedMs).as("three pauses of 300 ms").isGreaterThanOrEqualTo(900);
            System.out.printf(
                    "late ClickHouse: start-up waited for a stopped server and went on once it"
                            + " answered; an unresolvable name failed after 4 attempts in %d ms%n",
                    waitedMs);
        }
    }

    /** A {@code ta.clickhouse.*} counter summed over both ClickHouse sinks' subtasks. */
    private static long clickhouseMetric(LocalFlink flink, String job, String name) {
        return flink.rest
                .operatorMetricSums(job, List.of("ta.clickhouse." + name))
                .getOrDefault("ta.clickhouse." + name, 0L);
    }
}
