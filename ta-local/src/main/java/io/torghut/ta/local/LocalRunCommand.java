package io.torghut.ta.local;

import io.torghut.ta.core.bars.Bar;
import io.torghut.ta.core.signals.SignalRow;
import io.torghut.ta.job.JobSettings;
import io.torghut.ta.job.TaTopology;
import io.torghut.ta.job.clickhouse.ClickHouseDialect;
import io.torghut.ta.job.clickhouse.SchemaInitializer;
import io.torghut.ta.job.clickhouse.TaTables;
import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.job.config.TaConfigKey;
import io.torghut.ta.job.model.MinuteBarEvent;
import io.torghut.ta.job.model.QuoteEvent;
import io.torghut.ta.job.model.TradeEvent;
import io.torghut.ta.job.sinks.ClickHouseSinks;
import io.torghut.ta.job.sinks.KafkaSinks;
import io.torghut.ta.job.sinks.OutputFormats;
import io.torghut.ta.job.sources.InputKind;
import io.torghut.ta.job.sources.KafkaBrokerCheck;
import io.torghut.ta.job.sources.KafkaSources;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The local run: the production topology on an embedded Flink MiniCluster.
 *
 * <p>Inputs: a generated, seeded tape (default), JSONL files in the Kafka wire format, or the Kafka
 * topics of the {@code TA_*} environment. Outputs: JSONL files (default), and/or the Kafka topics
 * and ClickHouse tables of the environment. Checkpoints go to a local directory (or any Flink
 * filesystem URI). It prints a progress line while it runs and a summary at the end.
 */
@Command(
        name = "run-local.sh",
        mixinStandardHelpOptions = true,
        version = "torghut-ta 0.1.0",
        sortOptions = false,
        subcommands = ChartCommand.class,
        description = {
            "Runs the torghut TA job on an embedded Flink MiniCluster.",
            "Kafka, ClickHouse and S3 settings for --input kafka / --sink kafka,clickhouse come "
                    + "from the same TA_* variables as on the cluster."
        })
public final class LocalRunCommand implements Callable<Integer> {
    /** Where the records come from. */
    enum Input {
        /** A seeded tape made by {@link TapeGenerator}. */
        GENERATED,
        /** JSONL files in the Kafka wire format. */
        FILES,
        /** The Kafka topics of the {@code TA_*} environment. */
        KAFKA
    }

    /** Where bars and signals go. */
    enum Output {
        /** JSONL files under the output directory. */
        FILES,
        /** The Kafka topics of the {@code TA_*} environment. */
        KAFKA,
        /** The ClickHouse tables of the {@code TA_*} environment. */
        CLICKHOUSE
    }

    /** The SQL forms {@code --print-ddl} prints, by their command-line names. */
    enum Ddl {
        PRODUCTION("production", ClickHouseDialect.PRODUCTION),
        LEGACY_18("legacy-18", ClickHouseDialect.LEGACY_18);

        final String label;
        final ClickHouseDialect dialect;

        Ddl(String label, ClickHouseDialect dialect) {
            this.label = label;
            this.dialect = dialect;
        }

        @Override
        public String toString() {
            return label;
        }

        /** Reads a command-line name; picocli lists the names when it throws. */
        static final class Converter implements CommandLine.ITypeConverter<Ddl> {
            @Override
            public Ddl convert(String value) {
                for (Ddl d : values()) {
                    if (d.label.equals(value)) {
                        return d;
                    }
                }
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not one of production, legacy-18");
            }
        }

        /** The names picocli shows in the help and in errors. */
        static final class Names extends java.util.ArrayList<String> {
            private static final long serialVersionUID = 1L;

            Names() {
                for (Ddl d : values()) {
                    add(d.label);
                }
            }
        }
    }

    @Spec CommandSpec spec;

    @Option(
            names = "--print-ddl",
            converter = Ddl.Converter.class,
            completionCandidates = Ddl.Names.class,
            description =
                    "Print the ClickHouse DDL (${COMPLETION-CANDIDATES}) for --database and exit.")
    Ddl printDdl;

    @Option(
            names = "--database",
            description = "Database of --print-ddl.",
            defaultValue = "torghut")
    String database;

    @Option(
            names = "--input",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            defaultValue = "generated")
    Input input;

    @Option(names = "--trades", description = "Trades JSONL file (implies --input files).")
    Path tradesFile;

    @Option(names = "--quotes", description = "Quotes JSONL file (optional).")
    Path quotesFile;

    @Option(names = "--bars1m", description = "1 min bars JSONL file (optional).")
    Path bars1mFile;

    @Option(
            names = "--symbols",
            split = ",",
            description = "Symbols of the generated tape.",
            defaultValue = "AAPL,MSFT,NVDA,TSLA,AMZN")
    List<String> symbols;

    @Option(
            names = "--minutes",
            description = "Minutes of the generated tape from 09:30 New York.",
            defaultValue = "10")
    int minutes;

    @Option(names = "--seed", description = "Seed of the generated tape.", defaultValue = "42")
    long seed;

    @Option(
            names = "--session-start",
            description = "Start of the generated tape (ISO instant).",
            defaultValue = "2026-03-03T14:30:00Z")
    Instant sessionStart;

    @Option(
            names = "--sink",
            split = ",",
            description = "${COMPLETION-CANDIDATES}, comma-separated (default: ${DEFAULT-VALUE}).",
            defaultValue = "files")
    List<Output> sinks;

    @Option(
            names = "--output-dir",
            description = "Directory for JSONL outputs and checkpoints.",
            defaultValue = "run-output")
    Path outputDir;

    @Option(
            names = "--checkpoint-dir",
            description = "Checkpoint URI (default: file://<output-dir>/checkpoints).")
    String checkpointDir;

    @Option(names = "--restore", description = "Restore from this checkpoint or savepoint path.")
    String restorePath;

    @Option(names = "--parallelism", description = "Parallelism.", defaultValue = "2")
    int parallelism;

    @Option(
            names = "--unbounded",
            description = "With --input kafka: keep running (default: stop at the latest offsets).")
    boolean unbounded;

    /** Runs the local run with the command line of {@code run-local.sh}. */
    public static void main(String[] args) {
        int code = run(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Parses and runs; returns the exit code. */
    public static int run(String... args) {
        return new CommandLine(new LocalRunCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args);
    }

    private void fail(String message) {
        throw new CommandLine.ParameterException(spec.commandLine(), message);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (printDdl != null) {
            out.print(TaTables.ddlScript(database, printDdl.dialect));
            out.flush();
            return 0;
        }
        if (tradesFile != null) {
            input = Input.FILES;
        }
        if (parallelism < 1 || parallelism > 64) {
            fail("--parallelism must be in [1, 64], got " + parallelism);
        }
        Map<String, String> variables = new HashMap<>(System.getenv());
        if (input != Input.KAFKA && !sinks.contains(Output.KAFKA)) {
            // Nothing talks to Kafka: credentials are irrelevant, so do not demand them.
            variables.putIfAbsent(TaConfigKey.TA_KAFKA_SECURITY.name(), "PLAINTEXT");
        }
        TaConfig config = TaConfig.fromEnv(variables);
        Path outDir = outputDir.toAbsolutePath();
        Files.createDirectories(outDir);
        String checkpoints =
                checkpointDir != null
                        ? checkpointDir
                        : outDir.resolve("checkpoints").toUri().toString();

        Source<TradeEvent, ?, ?> trades;
        Source<QuoteEvent, ?, ?> quotes;
        Source<MinuteBarEvent, ?, ?> bars1m;
        String inputDescription;
        if (input == Input.KAFKA) {
            try {
                KafkaBrokerCheck.require(config);
            } catch (KafkaBrokerCheck.BrokerUnavailableException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return 2;
            }
            trades = KafkaSources.source(config, InputKind.TRADES, config.tradesTopic, !unbounded);
            quotes =
                    config.quotesTopic == null
                            ? null
                            : KafkaSources.source(
                                    config, InputKind.QUOTES, config.quotesTopic, !unbounded);
            bars1m =
                    config.bars1mTopic == null
                            ? null
                            : KafkaSources.source(
                                    config, InputKind.BARS1M, config.bars1mTopic, !unbounded);
            inputDescription = "Kafka " + config.kafkaBootstrap + " group " + config.groupId;
        } else {
            if (input == Input.GENERATED) {
                Path dir = outDir.resolve("input");
                TapeGenerator.Tape tape =
                        TapeGenerator.generate(
                                TapeGenerator.Options.defaults()
                                        .withSeed(seed)
                                        .withStart(sessionStart)
                                        .withMinutes(minutes)
                                        .withSymbols(symbols));
                tape.write(dir);
                tradesFile = dir.resolve("trades.jsonl");
                quotesFile = dir.resolve("quotes.jsonl");
                bars1mFile = dir.resolve("bars1m.jsonl");
                inputDescription =
                        "generated tape (seed "
                                + seed
                                + ", "
                                + symbols.size()
                                + " symbols, "
                                + minutes
                                + " min: "
                                + tape.trades().size()
                                + " trades, "
                                + tape.quotes().size()
                                + " quotes, "
                                + tape.bars1m().size()
                                + " 1 min bars) in "
                                + dir;
            } else {
                if (tradesFile == null) {
                    fail("--input files needs --trades FILE (and optionally --quotes, --bars1m)");
                }
                inputDescription = "files " + tradesFile;
            }
            trades = file(config, InputKind.TRADES, tradesFile);
            quotes = quotesFile == null ? null : file(config, InputKind.QUOTES, quotesFile);
            bars1m = bars1mFile == null ? null : file(config, InputKind.BARS1M, bars1mFile);
        }

        Map<String, Sink<Bar>> barSinks = new LinkedHashMap<>();
        Map<String, Sink<SignalRow>> signalSinks = new LinkedHashMap<>();
        List<String> outputs = new ArrayList<>();
        if (sinks.contains(Output.FILES)) {
            if (restorePath == null) {
                // A fresh run starts fresh files; a restored one appends to what it continues.
                deleteOutputs(outDir);
            }
            barSinks.put("files", new JsonLinesFileSink<>(outDir, "bars", OutputFormats::barJson));
            signalSinks.put(
                    "files", new JsonLinesFileSink<>(outDir, "signals", OutputFormats::signalJson));
            outputs.add(outDir + "/{bars,signals}-<subtask>.jsonl");
        }
        if (sinks.contains(Output.KAFKA)) {
            barSinks.put("kafka", KafkaSinks.bars(config));
            signalSinks.put("kafka", KafkaSinks.signals(config));
            outputs.add("Kafka " + config.microbarsTopic + ", " + config.signalsTopic);
        }
        if (sinks.contains(Output.CLICKHOUSE)) {
            if (config.clickhouseUrl == null) {
                fail("--sink clickhouse needs TA_CLICKHOUSE_URL");
            }
            SchemaInitializer.Targets clickhouse = SchemaInitializer.initialize(config);
            barSinks.put("clickhouse", ClickHouseSinks.bars(config, clickhouse));
            signalSinks.put("clickhouse", ClickHouseSinks.signals(config, clickhouse));
            outputs.add("ClickHouse " + TaTables.MICROBARS.name() + ", " + TaTables.SIGNALS.name());
        }

        Configuration conf = JobSettings.apply(config, new Configuration());
        conf.setString("execution.checkpointing.dir", checkpoints);
        if (restorePath != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restorePath);
        }
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        new TaTopology(
                        config,
                        new TaTopology.Inputs(trades, quotes, bars1m),
                        new TaTopology.Outputs(barSinks, signalSinks, null, null, null))
                .build(env);

        out.println("torghut-ta local run");
        out.println("  input:       " + inputDescription);
        out.println("  outputs:     " + String.join("; ", outputs));
        out.println("  checkpoints: " + checkpoints);
        out.flush();
        JsonLinesFileSink.LineCount bars = new JsonLinesFileSink.LineCount(outDir, "bars");
        JsonLinesFileSink.LineCount signals = new JsonLinesFileSink.LineCount(outDir, "signals");
        long started = System.nanoTime();
        JobClient client = env.executeAsync("torghut-ta-local");
        while (!client.getJobExecutionResult().isDone()) {
            try {
                client.getJobExecutionResult().get(2, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                out.printf(
                        "  progress: %5.1f s, %s bars, %s signals written%n",
                        (System.nanoTime() - started) / 1e9, bars.lines(), signals.lines());
                out.flush();
            }
        }
        JobExecutionResult result = client.getJobExecutionResult().get();
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Object> accumulators = new TreeMap<>(result.getAllAccumulatorResults());
        out.printf("done in %.1f s%n", seconds);
        out.println("  bars written:    " + bars.lines());
        out.println("  signals written: " + signals.lines());
        if (accumulators.isEmpty()) {
            out.println("  refused, late and duplicate records: none");
        }
        for (Map.Entry<String, Object> e : accumulators.entrySet()) {
            out.println("  " + e.getKey() + ": " + e.getValue());
        }
        out.println("  outputs: " + String.join("; ", outputs));
        if (sinks.contains(Output.FILES)) {
            // The picture of what was just written, beside it (run-local.sh chart for others).
            io.torghut.ta.chart.ChartOutcome chart =
                    LocalChart.afterRun(outDir, java.time.Clock.systemUTC());
            out.println("  chart: " + chart.page());
            if (chart.exitCode() != io.torghut.ta.chart.ChartOutcome.OK) {
                out.println("  chart says: " + chart.message());
            }
        }
        Files.writeString(
                outDir.resolve("summary.txt"),
                "seconds="
                        + seconds
                        + "\nbars="
                        + bars.lines()
                        + "\nsignals="
                        + signals.lines()
                        + "\n"
                        + accumulators
                        + "\n",
                StandardCharsets.UTF_8);
        return 0;
    }

    private static void deleteOutputs(Path dir) throws java.io.IOException {
        for (String name : List.of("bars", "signals")) {
            try (var files = Files.newDirectoryStream(dir, name + "-*.jsonl")) {
                for (Path f : files) {
                    Files.delete(f);
                }
            }
        }
    }

    private static <T extends io.torghut.ta.job.model.InputRecord> FileSource<T> file(
            TaConfig config, InputKind kind, Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(kind.label() + " file " + path + " does not exist");
        }
        return FileSource.forRecordStreamFormat(
                        new JsonLinesFormat<T>(
                                kind,
                                KafkaSources.decoder(config),
                                KafkaSources.lateness(config, kind)),
                        new org.apache.flink.core.fs.Path(path.toUri()))
                .build();
    }
}
