package io.torghut.ta.benchmarks;

import io.torghut.ta.core.bars.Bar;
import io.torghut.ta.core.signals.Quote;
import io.torghut.ta.core.signals.SignalEngine;
import io.torghut.ta.core.signals.SignalEngineConfig;
import io.torghut.ta.core.signals.SignalRow;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Nanoseconds per bar of the whole signal engine: every indicator of a lane plus the quote join and
 * the output row, on a warmed-up engine.
 *
 * <p>Each operation builds the next bar and a fresh quote (the job receives both as new objects
 * too), calls {@link SignalEngine#onBar} and returns the row. {@code inputsOnly} measures building
 * the inputs alone, so its time can be subtracted. Lanes: {@code micro} is the 1 s lane, {@code
 * minute} the revisable 1 min lane (which copies its state once per bar to be able to roll a
 * revision back); {@code minuteRevisions} sends every 1 min bar twice, the second time as a
 * revision of the first, the worst case of updated bars.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SignalEngineBenchmark {
    /** Which lane's configuration to run. */
    @Param({"micro", "minute"})
    public String lane;

    private final MarketData data = new MarketData();
    private SignalEngine engine;
    private long barMs;
    private long start;
    private int i;

    /** A fresh engine, warmed up past its longest window, once per trial. */
    @Setup(Level.Trial)
    public void setUp() {
        SignalEngineConfig config =
                "micro".equals(lane)
                        ? SignalEngineConfig.microBars()
                        : SignalEngineConfig.minuteBars();
        engine = new SignalEngine(config);
        barMs = config.barSizeMs();
        start = MarketData.START_MS;
        for (i = 0; i < 2 * MarketData.WINDOW; i++) {
            engine.onBar(nextBar(), quoteFor(start));
            start += barMs;
        }
    }

    private Bar nextBar() {
        int k = i;
        double c = data.close(k);
        double v = data.volume(k);
        return new Bar("AAPL", start, start + barMs, c, c + 0.01, c - 0.01, c, v, c * v, 17, true);
    }

    /** A quote 500 ms before the bar end: fresh in both lanes, so the join is always taken. */
    private Quote quoteFor(long windowStart) {
        return new Quote(windowStart + barMs - 500, 99.99, 300, 100.01, 200);
    }

    /** One new bar and its row. */
    @Benchmark
    public SignalRow onBar() {
        SignalRow row = engine.onBar(nextBar(), quoteFor(start));
        start += barMs;
        i++;
        return row;
    }

    /**
     * Every other call revises the previous call's window (1 min lane: an updated bar); in the
     * non-revisable 1 s lane the repeat is refused as a duplicate, also a real path.
     */
    @Benchmark
    public SignalRow onBarWithRevisions() {
        SignalRow row = engine.onBar(nextBar(), quoteFor(start));
        if ((i++ & 1) == 1) {
            start += barMs;
        }
        return row;
    }

    /** Building the bar and the quote alone: the part of {@code onBar} that is not the engine. */
    @Benchmark
    public void inputsOnly(Blackhole bh) {
        bh.consume(nextBar());
        bh.consume(quoteFor(start));
        start += barMs;
        i++;
    }
}
