package io.torghut.ta.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.job.clickhouse.TaTables;
import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.job.config.TaConfigKey;
import io.torghut.ta.local.TapeGenerator;
import io.torghut.ta.testkit.Await;
import io.torghut.ta.testkit.Diff;
import io.torghut.ta.testkit.JobScenario;
import io.torghut.ta.testkit.JobScenario.Topic;
import io.torghut.ta.testkit.OutputRows;
import io.torghut.ta.testkit.TestPlatform;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.junit.jupiter.api.Test;

/**
 * Restore from a savepoint in S3: stop the production topology with a savepoint mid-tape, restart
 * from it, and the union of both runs' output equals the uninterrupted result (the reference, which
 * {@link TaJobEndToEndITCase} shows the bounded run matches).
 */
class SavepointRestoreITCase {
    static final TestPlatform PLATFORM = TestPlatform.shared();

    /**
     * Stop with a savepoint in S3 mid-tape, restart from it, and the union of both runs' output
     * equals the uninterrupted result. The closing sentinels close the last windows, since an
     * unbounded source never ends its input.
     */
    @Test
    void restoreFromASavepointInS3GivesTheUninterruptedOutput() throws Exception {
        TapeGenerator.Options options = TapeGenerator.Options.defaults().withMinutes(4);
        JobScenario scenario = PLATFORM.scenario("restore").tape(options).partitions(3).build();
        long mid = options.start().toEpochMilli() + 120_000;
        scenario.produce(l -> l.arrivalMs() < mid);
        TaConfig config =
                scenario.config(
                        "ta-e2e-restore",
                        Map.of(
                                TaConfigKey.TA_STATUS_TOPIC, "",
                                TaConfigKey.TA_CHECKPOINT_INTERVAL_MS, "300",
                                TaConfigKey.TA_CHECKPOINT_PAUSE_MS, "0",
                                TaConfigKey.TA_WATERMARK_IDLE_TIMEOUT_MS, "600000"));

        JobClient first = PLATFORM.flink().job(config).named("ta-restore-first-half").submit();
        Await.until(
                "first half consumed and checkpointed",
                Duration.ofSeconds(90),
                () -> scenario.lag(config.groupId).isEmpty());
        // Let the first run emit what its watermark allows before stopping it, so the restore
        // happens mid-tape with output on both sides.
        long[] emitted = {-1};
        Await.until(
                "first run's output settles",
                Duration.ofSeconds(90),
                () -> {
                    long now = scenario.records(Topic.BARS);
                    boolean settled = now == emitted[0];
                    emitted[0] = now;
                    Await.sleep(Duration.ofMillis(1500));
                    return settled;
                });
        Map<String, Object> firstRunCounters = first.getAccumulators().get();
        String savepoint =
                first.stopWithSavepoint(false, null, SavepointFormatType.CANONICAL).get();
        String savepoints = scenario.stateDir(config.groupId) + "/savepoints/";
        assertThat(savepoint).startsWith(savepoints);
        String prefix = savepoint.substring(("s3a://" + TestPlatform.BUCKET + "/").length());
        assertThat(PLATFORM.s3().listKeys(TestPlatform.BUCKET, prefix))
                .anyMatch(k -> k.endsWith("/_metadata"));
        long firstHalfBars = scenario.records(Topic.BARS);
        assertThat(firstHalfBars)
                .as("first run's bars; its counters %s", firstRunCounters)
                .isPositive()
                .isLessThan(scenario.expectedBars(false).size());

        scenario.produce(l -> l.arrivalMs() >= mid);
        scenario.produceSentinels();
        JobClient second =
                PLATFORM.flink()
                        .job(config)
                        .named("ta-restore-second-half")
                        .restoredFrom(savepoint)
                        .submit();
        Map<String, List<String>> expectedSignals = scenario.expectedSignals(config, false);
        try {
            Await.until(
                    "every signal identity after the restore",
                    Duration.ofSeconds(120),
                    () ->
                            scenario.kafkaRowsByIdentity(Topic.SIGNALS, TaTables.SIGNALS).size()
                                    >= expectedSignals.size());
        } catch (AssertionError timedOut) {
            // The comparison below names what is missing.
        }
        second.cancel().get();
        Map<String, List<String>> signals =
                scenario.kafkaRowsByIdentity(Topic.SIGNALS, TaTables.SIGNALS);

        List<List<String>> bars = scenario.kafkaRows(Topic.BARS, TaTables.MICROBARS, false);
        Diff.assertSameRows(
                OutputRows.byIdentity(TaTables.MICROBARS, bars),
                scenario.expectedBars(false),
                "1 s bars across the restore");
        Diff.assertSameRows(signals, expectedSignals, "signals across the restore");
        // The restored sources continued from the savepoint's offsets: no record was read twice,
        // which the dead letters (one per malformed record of the whole tape) show.
        assertThat(scenario.read(Topic.DEAD_LETTERS, false)).hasSize(scenario.malformedRecords());
        // At-least-once may repeat a row after a restore, but only as an exact copy.
        Map<String, List<String>> firstSeen = new HashMap<>();
        for (List<String> row : bars) {
            String id =
                    OutputRows.byIdentity(TaTables.MICROBARS, List.of(row))
                            .keySet()
                            .iterator()
                            .next();
            List<String> before = firstSeen.putIfAbsent(id, row);
            assertThat(before == null || before.equals(row)).as("duplicate of %s", id).isTrue();
        }
    }
}
