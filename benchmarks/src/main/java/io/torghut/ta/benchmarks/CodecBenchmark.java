package io.torghut.ta.benchmarks;

import io.torghut.ta.benchmarks.e2e.TradeTape;
import io.torghut.ta.core.bars.Bar;
import io.torghut.ta.core.signals.Quote;
import io.torghut.ta.core.signals.SignalEngine;
import io.torghut.ta.core.signals.SignalEngineConfig;
import io.torghut.ta.core.signals.SignalRow;
import io.torghut.ta.job.decode.EnvelopeDecoder;
import io.torghut.ta.job.model.TradeEvent;
import io.torghut.ta.job.sinks.OutputFormats;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Nanoseconds per record of the job's wire formats, one thread: decoding a trade envelope (the
 * end-to-end benchmark's tape, so the same bytes the job reads there) and writing a 1 s bar and a
 * signal row as the JSON the Kafka sinks send. In a replay every trade is decoded once and every 4
 * or so trades close a bar that leaves as one bar and one signal row, so these three bound the
 * job's per-trade cost from below.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark {
    private static final int RECORDS = 4096;

    private final byte[][] trades = new byte[RECORDS][];
    private final Bar[] bars = new Bar[RECORDS];
    private final SignalRow[] rows = new SignalRow[RECORDS];
    private EnvelopeDecoder decoder;
    private int i;

    /** A tape of trades, and bars with the rows the 1 s lane computes for them, once per trial. */
    @Setup(Level.Trial)
    public void setUp() {
        decoder = new EnvelopeDecoder(60_000, 7L * 24 * 3_600_000, 1 << 20);
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
}
