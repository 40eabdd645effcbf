package io.torghut.ta.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.torghut.ta.job.clickhouse.TaTables;
import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.job.decode.DecodeFailure;
import io.torghut.ta.local.TapeGenerator;
import io.torghut.ta.testkit.Await;
import io.torghut.ta.testkit.JobScenario;
import io.torghut.ta.testkit.JobScenario.Topic;
import io.torghut.ta.testkit.LocalFlink;
import io.torghut.ta.testkit.TestPlatform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input mixed into a clean tape: twenty kinds of malformed records (broken and binary JSON,
 * wrong types, missing fields, NaN, infinite, zero and negative numbers, timestamps decades off, a
 * 70 KB payload, nesting 5,000 deep, symbols with SQL, control or non-ASCII characters) plus exact
 * redeliveries of valid trades, each spread over the tape. The job never fails; every refused
 * record is dead-lettered and counted under its reason (in the dead-letter topic and in the job's
 * metrics); the redeliveries are counted as duplicates; and the output equals the clean tape's.
 */
class BadInputITCase {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final int COPIES = 3;
    static final int DUPLICATES = 25;

    /** A kind of hostile record: which input it goes to, the reason it must get, how it is made. */
    record Hostile(String name, Topic topic, DecodeFailure reason, UnaryOperator<String> make) {}

    static List<Hostile> hostileKinds() {
        List<Hostile> h = new ArrayList<>();
        Topic t = Topic.TRADES;
        h.add(new Hostile("empty", t, DecodeFailure.EMPTY, good -> ""));
        h.add(
                new Hostile(
                        "truncated JSON",
                        t,
                        DecodeFailure.INVALID_JSON,
                        good -> good.substring(0, good.length() / 2)));
        h.add(
                new Hostile(
                        "binary garbage",
                        t,
                        DecodeFailure.INVALID_JSON,
                        good ->
                                new String(
                                        new byte[] {(byte) 0xff, 0x00, 0x13, (byte) 0x9c, 0x7b},
                                        StandardCharsets.ISO_8859_1)));
        h.add(new Hostile("array", t, DecodeFailure.NOT_AN_OBJECT, good -> "[1,2,3]"));
        h.add(
                new Hostile(
                        "nested 5000 deep",
                        t,
                        DecodeFailure.INVALID_JSON,
                        good -> "{\"a\":".repeat(5000) + "1" + "}".repeat(5000)));
        h.add(
                new Hostile(
                        "missing symbol",
                        t,
                        DecodeFailure.MISSING_FIELD,
                        good -> edit(good, n -> n.remove("symbol"))));
        h.add(
                new Hostile(
                        "missing payload",
                        t,
                        DecodeFailure.MISSING_FIELD,
                        good -> edit(good, n -> n.remove("payload"))));
        h.add(
                new Hostile(
                        "price as text",
                        t,
                        DecodeFailure.WRONG_TYPE,
                        good -> editPayload(good, p -> p.put("p", "cheap"))));
        h.add(
                new Hostile(
                        "seq as object",
                        t,
                        DecodeFailure.WRONG_TYPE,
                        good -> edit(good, n -> n.putObject("seq"))));
        h.add(
                new Hostile(
                        "NaN price",
                        t,
                        DecodeFailure.NON_FINITE,
                        good -> editPayload(good, p -> p.put("p", "NaN"))));
        h.add(
                new Hostile(
                        "infinite size",
                        t,
                        DecodeFailure.NON_FINITE,
                        good -> editPayload(good, p -> p.put("s", "Infinity"))));
        h.add(
                new Hostile(
                        "zero price",
                        t,
                        DecodeFailure.NON_POSITIVE_PRICE,
                        good -> editPayload(good, p -> p.put("p", 0.0))));
        h.add(
                new Hostile(
                        "negative price",
                        t,
                        DecodeFailure.NON_POSITIVE_PRICE,
                        good -> editPayload(good, p -> p.put("p", -12.5))));
        h.add(
                new Hostile(
                        "negative size",
                        t,
                        DecodeFailure.NEGATIVE_SIZE,
                        good -> editPayload(good, p -> p.put("s", -100))));
        h.add(
                new Hostile(
                        "unparseable time",
                        t,
                        DecodeFailure.INVALID_TIMESTAMP,
                        good -> edit(good, n -> n.put("eventTs", "yesterday"))));
        h.add(
                new Hostile(
                        "year 2099",
                        t,
                        DecodeFailure.TIMESTAMP_OUT_OF_RANGE,
                        good -> edit(good, n -> n.put("eventTs", "2099-01-01T00:00:00.000Z"))));
        h.add(
                new Hostile(
                        "year 1971",
                        t,
                        DecodeFailure.TIMESTAMP_OUT_OF_RANGE,
                        good -> edit(good, n -> n.put("eventTs", "1971-01-01T00:00:00.000Z"))));
        h.add(
                new Hostile(
                        "70 KB",
                        t,
                        DecodeFailure.OVERSIZED,
                        good -> edit(good, n -> n.put("padding", "x".repeat(70_000)))));
        h.add(
                new Hostile(
                        "SQL in symbol",
                        t,
                        DecodeFailure.INVALID_SYMBOL,
                        good -> edit(good, n -> n.put("symbol", "A'); DROP TABLE ta_signals;--"))));
        h.add(
                new Hostile(
                        "control character in symbol",
                        t,
                        DecodeFailure.INVALID_SYMBOL,
                        good -> edit(good, n -> n.put("symbol", "AA\u0000PL"))));
        h.add(
                new Hostile(
                        "non-ASCII symbol",
                        t,
                        DecodeFailure.INVALID_SYMBOL,
                        good -> edit(good, n -> n.put("symbol", "ÄPFEL"))));
        h.add(
                new Hostile(
                        "40-character symbol",
                        t,
                        DecodeFailure.INVALID_SYMBOL,
                        good -> edit(good, n -> n.put("symbol", "S".repeat(40)))));
        h.add(
                new Hostile(
                        "quote with NaN bid",
                        Topic.QUOTES,
                        DecodeFailure.NON_FINITE,
                        good -> editPayload(good, p -> p.put("bp", "NaN"))));
        h.add(
                new Hostile(
                        "quote with negative ask size",
                        Topic.QUOTES,
                        DecodeFailure.NEGATIVE_SIZE,
                        good -> editPayload(good, p -> p.put("as", -1))));
        h.add(
                new Hostile(
                        "bar whose high is below its low",
                        Topic.BARS1M,
                        DecodeFailure.INCONSISTENT_BAR,
                        good -> editPayload(good, p -> p.put("h", 0.5))));
        return h;
    }

    @TempDir Path dir;

    @Test
    void hostileRecordsAreCountedByReasonAndTheOutputEqualsTheCleanTapes() throws Exception {
        TapeGenerator.Options clean = cleanOptions();
        TapeGenerator.Tape cleanTape = TapeGenerator.generate(clean);
        Map<String, Integer> expectedDead = new TreeMap<>();
        TapeGenerator.Tape dirty = pollute(cleanTape, expectedDead);

        try (TestPlatform platform = TestPlatform.isolated(dir).taskManagers(2, 1).build()) {
            JobScenario rig = platform.scenario("bad-input").tape(dirty, clean.start()).build();
            LocalFlink flink = platform.flink();
            TaConfig config = rig.config("ta-bad-input");
            JobID job = flink.job(config).restartingAsInProduction().submit().getJobID();
            String id = job.toHexString();
            rig.produceSlices(0, 4, 4, Duration.ZERO);
            rig.produceSentinels();
            rig.awaitComplete(config, false, Duration.ofMinutes(4));

            Map<String, Integer> deadLetters = new TreeMap<>();
            for (var r : rig.read(Topic.DEAD_LETTERS, false)) {
                JsonNode n = MAPPER.readTree(r.value());
                deadLetters.merge(
                        n.get("input").asText() + "." + n.get("reason").asText(), 1, Integer::sum);
            }
            assertThat(deadLetters).as("dead letters by input and reason").isEqualTo(expectedDead);

            List<String> suffixes = new ArrayList<>(List.of("duplicate_trades"));
            expectedDead.keySet().forEach(k -> suffixes.add(metricName(k)));
            Map<String, Long> expectedMetrics = new TreeMap<>();
            expectedDead.forEach((k, v) -> expectedMetrics.put("ta." + metricName(k), (long) v));
            expectedMetrics.put("ta.duplicate_trades", (long) DUPLICATES);
            Await.until(
                    "the job's counters " + expectedMetrics,
                    Duration.ofSeconds(60),
                    () -> flink.rest.operatorMetricSums(id, suffixes).equals(expectedMetrics));

            assertThat(flink.rest.freshJobMetric(id, "numRestarts")).as("job restarts").isZero();
            assertThat(flink.rest.jobState(id)).isEqualTo("RUNNING");
            // The reference is computed from the clean tape.
            var bars =
                    rig.assertKafkaOutput(
                            Topic.BARS, TaTables.MICROBARS, rig.expectedBars(false), false, true);
            var signals =
                    rig.assertKafkaOutput(
                            Topic.SIGNALS,
                            TaTables.SIGNALS,
                            rig.expectedSignals(config, false),
                            false,
                            false);
            System.out.printf(
                    "bad input: %d hostile kinds x %d, %d redeliveries, into %d clean trade"
                            + " records; dead letters %s; duplicates counted %d; restarts 0; bars %d"
                            + " rows / %d identities, signals %d rows / %d identities, equal to the"
                            + " clean tape's; lost 0%n",
                    hostileKinds().size(),
                    COPIES,
                    DUPLICATES,
                    cleanTape.trades().size(),
                    deadLetters,
                    DUPLICATES,
                    bars.rows(),
                    bars.identities(),
                    signals.rows(),
                    signals.identities());
            flink.cancel(job);
        }
    }

    /** 20 symbols, 6 minutes, no late trades, redeliveries or malformed records of its own. */
    static TapeGenerator.Options cleanOptions() {
        TapeGenerator.Options o = JobScenario.tape(19, 20, 5, 6);
        return new TapeGenerator.Options(
                o.seed(),
                o.symbols(),
                o.start(),
                o.minutes(),
                o.tradesPerSecond(),
                o.quotesPerSecond(),
                o.maxDelayMs(),
                0,
                o.lateDelayMs(),
                0,
                0);
    }

    /**
     * The clean tape plus {@link #COPIES} of every hostile kind and {@link #DUPLICATES} exact
     * redeliveries of valid trades (1 ms after the original), at seeded positions; the reference
     * views of the tape (on-time trades, quotes, bars) stay the clean tape's.
     */
    static TapeGenerator.Tape pollute(TapeGenerator.Tape clean, Map<String, Integer> expectedDead) {
        Random random = new Random(23);
        Map<Topic, List<TapeGenerator.Line>> lines = new TreeMap<>();
        lines.put(Topic.TRADES, new ArrayList<>(clean.trades()));
        lines.put(Topic.QUOTES, new ArrayList<>(clean.quotes()));
        lines.put(Topic.BARS1M, new ArrayList<>(clean.bars1m()));
        Map<Topic, List<TapeGenerator.Line>> originals =
                Map.of(
                        Topic.TRADES, clean.trades(),
                        Topic.QUOTES, clean.quotes(),
                        Topic.BARS1M, clean.bars1m());
        for (Hostile h : hostileKinds()) {
            List<TapeGenerator.Line> source = originals.get(h.topic());
            for (int i = 0; i < COPIES; i++) {
                TapeGenerator.Line good =
                        source.get(source.size() / 10 + random.nextInt(source.size() * 8 / 10));
                lines.get(h.topic())
                        .add(
                                new TapeGenerator.Line(
                                        good.key(),
                                        h.make().apply(good.value()),
                                        good.arrivalMs()));
                expectedDead.merge(input(h.topic()) + "." + h.reason().name(), 1, Integer::sum);
            }
        }
        for (int i = 0; i < DUPLICATES; i++) {
            TapeGenerator.Line good = clean.trades().get(random.nextInt(clean.trades().size()));
            lines.get(Topic.TRADES)
                    .add(new TapeGenerator.Line(good.key(), good.value(), good.arrivalMs() + 1));
        }
        lines.values()
                .forEach(l -> l.sort(Comparator.comparingLong(TapeGenerator.Line::arrivalMs)));
        return new TapeGenerator.Tape(
                lines.get(Topic.TRADES),
                lines.get(Topic.QUOTES),
                lines.get(Topic.BARS1M),
                clean.onTimeTrades(),
                clean.lateTrades(),
                clean.duplicateTrades() + DUPLICATES,
                clean.quotesBySymbolTime(),
                clean.quotesBySymbol(),
                clean.finalMinuteBars(),
                clean.malformed());
    }

    /** "trades.INVALID_JSON" to the validator's counter "trades.invalid_invalid_json". */
    private static String metricName(String inputAndReason) {
        int dot = inputAndReason.indexOf('.');
        return inputAndReason.substring(0, dot)
                + ".invalid_"
                + inputAndReason.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
    }

    /** The job's name of an input in dead letters and metrics: trades, quotes or bars1m. */
    private static String input(Topic topic) {
        return topic.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String edit(String json, java.util.function.Consumer<ObjectNode> change) {
        try {
            ObjectNode n = (ObjectNode) MAPPER.readTree(json);
            change.accept(n);
            return MAPPER.writeValueAsString(n);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String editPayload(String json, java.util.function.Consumer<ObjectNode> change) {
        return edit(json, n -> change.accept((ObjectNode) n.get("payload")));
    }
}
