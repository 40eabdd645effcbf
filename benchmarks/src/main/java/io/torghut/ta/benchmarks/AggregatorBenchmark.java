package io.torghut.ta.benchmarks;

import io.torghut.ta.core.bars.Bar;
import io.torghut.ta.core.bars.MicroBarAggregator;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Nanoseconds per trade of the 1 s micro-bar aggregator, one symbol, one thread (so the inverse is
 * trades per second per core).
 *
 * <p>Each operation adds one trade; after the last trade of a window the watermark passes its end
 * and the bar is emitted, so the per-bar close (a pass over the window's trades) is amortised into
 * the per-trade figure. {@code order=inOrder} delivers trades in (time, seq) order; {@code
 * order=pairSwapped} delivers every pair of neighbours reversed, so half the trades are inserted
 * one slot back: a cheap model of a feed's local reordering.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AggregatorBenchmark {
    /** Trades in each 1 s window. */
    @Param({"10", "100", "1000"})
    public int tradesPerBar;

    /** Arrival order within a window. */
    @Param({"inOrder", "pairSwapped"})
    public String order;

    private final MarketData data = new MarketData();
    private MicroBarAggregator aggregator;
    private Consumer<Bar> sink;
    private Bar lastBar;
    private boolean swapped;
    // Trade time offsets within the window, precomputed: a 64-bit division per operation in the
    // harness would cost as much as a third of what is measured.
    private long[] offsets;
    private long windowStart;
    private long seqBase;
    private int j;
    private int i;

    /** A fresh aggregator once per trial. */
    @Setup(Level.Trial)
    public void setUp() {
        aggregator = new MicroBarAggregator("AAPL", 1_000, 0);
        sink = bar -> lastBar = bar;
        swapped = "pairSwapped".equals(order);
        offsets = new long[tradesPerBar];
        for (int n = 0; n < tradesPerBar; n++) {
            offsets[n] = (n * 1_000L) / tradesPerBar;
        }
        windowStart = MarketData.START_MS;
        seqBase = 0;
        j = 0;
    }

    /** One trade, plus the amortised close of its window. */
    @Benchmark
    public Object addTrade() {
        int n = swapped ? j ^ 1 : j;
        long t = windowStart + offsets[n];
        int k = i++;
        MicroBarAggregator.Outcome outcome =
                aggregator.add(t, seqBase + n, data.close(k), data.volume(k), windowStart - 1);
        if (++j == tradesPerBar) {
            j = 0;
            seqBase += tradesPerBar;
            windowStart += 1_000;
            aggregator.advance(windowStart - 1, sink);
        }
        return outcome;
    }

    /** The last bar emitted, for tests. */
    public Bar lastBar() {
        return lastBar;
    }
}
