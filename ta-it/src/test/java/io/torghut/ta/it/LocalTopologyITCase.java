package io.torghut.ta.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.core.bars.Bar;
import io.torghut.ta.core.signals.SignalRow;
import io.torghut.ta.job.TaTopology;
import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.job.config.TaConfigKey;
import io.torghut.ta.job.decode.DecodeFailure;
import io.torghut.ta.job.model.DeadLetter;
import io.torghut.ta.job.model.InputRecord;
import io.torghut.ta.job.model.LateTrade;
import io.torghut.ta.job.sources.InputKind;
import io.torghut.ta.job.sources.KafkaSources;
import io.torghut.ta.local.JsonLinesFormat;
import io.torghut.ta.local.TapeGenerator;
import io.torghut.ta.testkit.CollectingSink;
import io.torghut.ta.testkit.Diff;
import io.torghut.ta.testkit.JobScenario;
import io.torghut.ta.testkit.Reference;
import io.torghut.ta.testkit.Tapes;
import io.torghut.ta.testkit.TestPlatform;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.connector.file.src.FileSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole topology on a MiniCluster (parallelism 2) over a seeded tape read from JSONL files in
 * the Kafka wire format: bars equal a brute-force group-by-second, signals equal ta-core's engine
 * fed those bars, late and malformed records are reported exactly, and the output does not depend
 * on arrival order within the bound or on parallelism.
 */
class LocalTopologyITCase {
    static final TestPlatform PLATFORM = TestPlatform.shared();

    static TapeGenerator.Tape tape;
    static TaConfig config;

    @BeforeAll
    static void generate() {
        tape = TapeGenerator.generate(TapeGenerator.Options.defaults().withMinutes(6));
        config = JobScenario.config(Map.of(TaConfigKey.TA_KAFKA_SECURITY, "PLAINTEXT"));
    }

    record Run(
            Map<String, Bar> bars,
            Map<String, SignalRow> signals,
            Set<String> late,
            Map<String, Long> invalid,
            int deadLetters,
            long signalRows) {}

    static Run run(TapeGenerator.Tape t, Path dir, int parallelism) throws Exception {
        t.write(dir);
        CollectingSink<Bar> bars = new CollectingSink<>();
        CollectingSink<SignalRow> signals = new CollectingSink<>();
        CollectingSink<LateTrade> late = new CollectingSink<>();
        CollectingSink<DeadLetter> dead = new CollectingSink<>();
        TaTopology topology =
                new TaTopology(
                        config,
                        new TaTopology.Inputs(
                                file(InputKind.TRADES, dir.resolve("trades.jsonl")),
                                file(InputKind.QUOTES, dir.resolve("quotes.jsonl")),
                                file(InputKind.BARS1M, dir.resolve("bars1m.jsonl"))),
                        new TaTopology.Outputs(
                                Map.of("test", bars), Map.of("test", signals), null, dead, late));
        JobExecutionResult result =
                PLATFORM.flink()
                        .job(topology::build)
                        .named("local-topology-it")
                        .parallelism(parallelism)
                        .run();
        Set<String> lateIds = new HashSet<>();
        for (LateTrade lt : late.values()) {
            lateIds.add(lt.symbol + "/" + lt.seq);
        }
        Map<String, Long> invalid = new TreeMap<>();
        result.getAllAccumulatorResults()
                .forEach(
                        (k, v) -> {
                            if (k.startsWith("ta.invalid.")) {
                                invalid.put(k.substring("ta.invalid.".length()), (Long) v);
                            }
                        });
        return new Run(
                Reference.barsByIdentity(bars.values()),
                Reference.lastSignalByIdentity(signals.values()),
                lateIds,
                invalid,
                dead.values().size(),
                signals.values().size());
    }

    static <T extends InputRecord> FileSource<T> file(InputKind kind, Path path) {
        return FileSource.forRecordStreamFormat(
                        new JsonLinesFormat<T>(
                                kind,
                                KafkaSources.decoder(config),
                                KafkaSources.lateness(config, kind)),
                        new org.apache.flink.core.fs.Path(path.toUri()))
                .build();
    }

    @Test
    void outputEqualsBruteForceReferenceAndEveryBadRecordIsReported(@TempDir Path dir)
            throws Exception {
        Run run = run(tape, dir, 2);

        Diff.assertSameRows(run.bars(), Reference.bars(tape), "1 s bars");
        Diff.assertSameRows(run.signals(), Reference.signals(tape, config), "signals");

        Set<String> expectedLate = new HashSet<>();
        tape.lateTrades().forEach(t -> expectedLate.add(t.symbol() + "/" + t.seq()));
        assertThat(expectedLate).isNotEmpty();
        assertThat(run.late()).isEqualTo(expectedLate);

        // Blank lines are not records in a JSONL file, so EMPTY cannot occur in file input.
        Map<String, Long> expectedInvalid = new TreeMap<>();
        tape.malformed()
                .forEach(
                        (input, byReason) ->
                                byReason.forEach(
                                        (reason, n) -> {
                                            if (reason != DecodeFailure.EMPTY) {
                                                expectedInvalid.put(
                                                        input + "." + reason.name(), (long) n);
                                            }
                                        }));
        assertThat(run.invalid()).isEqualTo(expectedInvalid);
        assertThat((long) run.deadLetters())
                .isEqualTo(expectedInvalid.values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void outputDoesNotDependOnArrivalOrderWithinTheBoundOrOnParallelism(
            @TempDir Path a, @TempDir Path b) throws Exception {
        Run parallel = run(tape, a, 2);
        Run reshuffledSerial = run(Tapes.reshuffle(tape, 99, 1500), b, 1);
        Diff.assertSameRows(reshuffledSerial.bars(), parallel.bars(), "1 s bars");
        Diff.assertSameRows(reshuffledSerial.signals(), parallel.signals(), "signals");
        assertThat(reshuffledSerial.late()).isEqualTo(parallel.late());
    }
}
