package io.torghut.ta.benchmarks;

import io.torghut.ta.benchmarks.e2e.TradeTape;
import io.torghut.ta.benchmarks.legacy.LegacyTextRows;
import io.torghut.ta.core.bars.Bar;
import io.torghut.ta.core.signals.Quote;
import io.torghut.ta.core.signals.SignalEngine;
import io.torghut.ta.core.signals.SignalEngineConfig;
import io.torghut.ta.core.signals.SignalRow;
import io.torghut.ta.job.clickhouse.ClickHouseDialect;
import io.torghut.ta.job.clickhouse.InsertPlan;
import io.torghut.ta.job.clickhouse.RowBinaryBuffer;
import io.torghut.ta.job.clickhouse.RowValues;
import io.torghut.ta.job.clickhouse.TaTables;
import io.torghut.ta.job.decode.EnvelopeDecoder;
import io.torghut.ta.job.model.TradeEvent;
import io.torghut.ta.job.sinks.OutputFormats;
import io.torghut.ta.testkit.ClickHouseServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Nanoseconds per record of the job's wire formats, one thread: decoding a trade envelope (the
 * end-to-end benchmark's tape, so the same bytes the job reads there), writing a 1 s bar and a
 * signal row as the JSON the Kafka sinks send, and as the RowBinary the ClickHouse sink sends,
 * beside the legacy JDBC driver's prepared-statement batch that path replaced. In a replay every
 * trade is decoded once and every 4 or so trades close a bar that leaves as one bar and one signal
 * row, so these three bound the job's per-trade cost from below.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark {
    private static final int RECORDS = 4096;

    private final byte[][] trades = new byte[RECORDS][];
    private final Bar[] bars = new Bar[RECORDS];
    private final SignalRow[] rows = new SignalRow[RECORDS];
    private static final long INGEST_TS = MarketData.START_MS + 3_600_000;

    private EnvelopeDecoder decoder;
    private InsertPlan barPlan;
    private InsertPlan signalPlan;
    private final RowBinaryBuffer buffer = new RowBinaryBuffer(1 << 20);
    private int i;

    /** A tape of trades, and bars with the rows the 1 s lane computes for them, once per trial. */
    @Setup(Level.Trial)
    public void setUp() {
        decoder = new EnvelopeDecoder(60_000, 7L * 24 * 3_600_000, 1 << 20);
        barPlan = InsertPlan.forOwnSchema(TaTables.MICROBARS, ClickHouseDialect.PRODUCTION);
        signalPlan = InsertPlan.forOwnSchema(TaTables.SIGNALS, ClickHouseDialect.PRODUCTION);

        TradeTape tape = new TradeTape(500, 4, 42);
        long t = MarketData.START_MS;
        for (int n = 0; n < RECORDS; n++) {
            t += 3;
            trades[n] = tape.next(t, t + 5).getBytes(StandardCharsets.UTF_8);
        }
        MarketData data = new MarketData();
        SignalEngine engine = new SignalEngine(SignalEngineConfig.microBars());
        long start = MarketData.START_MS;
        for (int n = 0; n < RECORDS; n++) {
            double c = data.close(n);
            double v = data.volume(n);
            bars[n] =
                    new Bar(
                            "S0042",
                            start,
                            start + 1_000,
                            c,
                            c + 0.01,
                            c - 0.01,
                            c,
                            v,
                            c * v,
                            4,
                            true);
            rows[n] = engine.onBar(bars[n], new Quote(start + 500, c - 0.01, 300, c + 0.01, 200));
            start += 1_000;
        }
    }

    /** Decodes one trade envelope. */
    @Benchmark
    public TradeEvent decodeTrade() {
        return decoder.decodeTrade(trades[i++ & (RECORDS - 1)], null);
    }

    /** Writes one 1 s bar as the micro-bar topic's JSON. */
    @Benchmark
    public byte[] barJson() {
        return OutputFormats.barJson(bars[i++ & (RECORDS - 1)]);
    }

    /** Writes one signal row as the signal topic's JSON. */
    @Benchmark
    public byte[] signalJson() {
        return OutputFormats.signalJson(rows[i++ & (RECORDS - 1)]);
    }

    /** Encodes one 1 s bar as the ClickHouse sink sends it: RowBinary of production's types. */
    @Benchmark
    public int barRowBinary() {
        int n = i++ & (RECORDS - 1);
        if (n == 0) {
            buffer.clear();
        }
        barPlan.write(RowValues.bar(bars[n], INGEST_TS), buffer);
        return buffer.size();
    }

    /** Encodes one signal row as the ClickHouse sink sends it. */
    @Benchmark
    public int signalRowBinary() {
        int n = i++ & (RECORDS - 1);
        if (n == 0) {
            buffer.clear();
        }
        signalPlan.write(RowValues.signal(rows[n], INGEST_TS), buffer);
        return buffer.size();
    }

    /** Binds one 1 s bar to the legacy driver's prepared INSERT batch (the baseline). */
    @Benchmark
    public int barLegacyJdbc(LegacyDriver legacy) throws SQLException {
        int n = i++ & (RECORDS - 1);
        if (n == 0) {
            legacy.bars.clear();
        }
        legacy.bars.add(RowValues.bar(bars[n], INGEST_TS));
        return n;
    }

    /** Binds one signal row to the legacy driver's prepared INSERT batch (the baseline). */
    @Benchmark
    public int signalLegacyJdbc(LegacyDriver legacy) throws SQLException {
        int n = i++ & (RECORDS - 1);
        if (n == 0) {
            legacy.signals.clear();
        }
        legacy.signals.add(RowValues.signal(rows[n], INGEST_TS));
        return n;
    }

    /**
     * The legacy driver's prepared INSERTs; it asks a server its version when it connects, so a
     * ClickHouse server (the tests' 18.16) runs for the trial. Nothing is inserted.
     */
    @State(Scope.Thread)
    public static class LegacyDriver {
        ClickHouseServer server;
        Path dir;
        LegacyTextRows bars;
        LegacyTextRows signals;

        /** Starts the server and prepares both INSERTs. */
        @Setup(Level.Trial)
        public void setUp() throws Exception {
            dir = Files.createTempDirectory("codec-legacy-");
            server = ClickHouseServer.start(dir);
            bars = new LegacyTextRows(TaTables.MICROBARS, "torghut", server.httpPort());
            signals = new LegacyTextRows(TaTables.SIGNALS, "torghut", server.httpPort());
        }

        /** Closes the statements and stops the server. */
        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            bars.close();
            signals.close();
            server.close();
        }
    }
}
