package io.torghut.ta.job.testutils;

import io.torghut.ta.core.bars.Bar;
import io.torghut.ta.core.signals.Quote;
import io.torghut.ta.core.signals.SignalEngine;
import io.torghut.ta.core.signals.SignalRow;
import io.torghut.ta.job.TaTopology;
import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.job.local.TapeGenerator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The expected output of a tape, computed by brute force in the test: bars by grouping the on-time
 * trades by second, signals by feeding ta-core's engine those bars (and the 1 min bars' final
 * versions) with the latest quote at or before each bar end.
 */
public final class Reference {
    private Reference() {}

    /** Row identity: symbol, window size, window start. */
    public static String identity(String symbol, long windowSizeMs, long windowStartMs) {
        return symbol + "|" + windowSizeMs + "|" + windowStartMs;
    }

    /** Brute-force 1 s bars, keyed by identity. */
    public static Map<String, Bar> bars(TapeGenerator.Tape tape) {
        Map<String, List<TapeGenerator.Trade>> groups = new TreeMap<>();
        for (TapeGenerator.Trade t : tape.onTimeTrades()) {
            long start = Math.floorDiv(t.eventTs(), 1000L) * 1000L;
            groups.computeIfAbsent(identity(t.symbol(), 1000, start), k -> new ArrayList<>())
                    .add(t);
        }
        Map<String, Bar> out = new TreeMap<>();
        for (Map.Entry<String, List<TapeGenerator.Trade>> e : groups.entrySet()) {
            List<TapeGenerator.Trade> g = new ArrayList<>(e.getValue());
            g.sort(
                    Comparator.comparingLong(TapeGenerator.Trade::eventTs)
                            .thenComparingLong(TapeGenerator.Trade::seq)
                            .thenComparingDouble(TapeGenerator.Trade::price)
                            .thenComparingDouble(TapeGenerator.Trade::size));
            double high = g.get(0).price();
            double low = g.get(0).price();
            double volume = 0;
            double notional = 0;
            for (TapeGenerator.Trade t : g) {
                high = Math.max(high, t.price());
                low = Math.min(low, t.price());
                volume += t.size();
                notional += t.price() * t.size();
            }
            long start = Math.floorDiv(g.get(0).eventTs(), 1000L) * 1000L;
            out.put(
                    e.getKey(),
                    new Bar(
                            g.get(0).symbol(),
                            start,
                            start + 1000,
                            g.get(0).price(),
                            high,
                            low,
                            g.get(g.size() - 1).price(),
                            volume,
                            notional,
                            g.size(),
                            true));
        }
        return out;
    }

    /** Expected signal rows of both lanes, keyed by identity (last version per identity). */
    public static Map<String, SignalRow> signals(TapeGenerator.Tape tape, TaConfig config) {
        Map<String, List<Bar>> barsBySymbol = new LinkedHashMap<>();
        for (Bar b : bars(tape).values()) {
            barsBySymbol.computeIfAbsent(b.symbol(), k -> new ArrayList<>()).add(b);
        }
        Map<String, SignalRow> out = new TreeMap<>();
        for (Map.Entry<String, List<Bar>> e : barsBySymbol.entrySet()) {
            List<Bar> bars = e.getValue();
            bars.sort(Comparator.comparingLong(Bar::windowStartMs));
            SignalEngine engine = new SignalEngine(TaTopology.secondLane(config));
            List<Quote> quotes = tape.quotesBySymbol().getOrDefault(e.getKey(), List.of());
            for (Bar b : bars) {
                SignalRow row = engine.onBar(b, latest(quotes, b.windowEndMs()));
                out.put(identity(row.symbol(), 1000, row.windowStartMs()), row);
            }
        }
        Map<String, List<TapeGenerator.MinuteBar>> minutes = new LinkedHashMap<>();
        for (TapeGenerator.MinuteBar m : tape.finalMinuteBars()) {
            minutes.computeIfAbsent(m.symbol(), k -> new ArrayList<>()).add(m);
        }
        for (Map.Entry<String, List<TapeGenerator.MinuteBar>> e : minutes.entrySet()) {
            SignalEngine engine = new SignalEngine(TaTopology.minuteLane(config));
            List<Quote> quotes = tape.quotesBySymbol().getOrDefault(e.getKey(), List.of());
            for (TapeGenerator.MinuteBar m : e.getValue()) {
                Bar b =
                        new Bar(
                                m.symbol(),
                                m.start(),
                                m.start() + 60_000,
                                m.open(),
                                m.high(),
                                m.low(),
                                m.close(),
                                m.volume(),
                                m.vwap() * m.volume(),
                                m.count(),
                                m.isFinal());
                SignalRow row = engine.onBar(b, latest(quotes, b.windowEndMs()));
                out.put(identity(row.symbol(), 60_000, row.windowStartMs()), row);
            }
        }
        return out;
    }

    /** Latest quote at or before {@code end}; ties by the same content order the job uses. */
    static Quote latest(List<Quote> quotes, long end) {
        Quote best = null;
        for (Quote q : quotes) {
            if (q.eventTimeMs() <= end && (best == null || newer(q, best))) {
                best = q;
            }
        }
        return best;
    }

    private static boolean newer(Quote a, Quote b) {
        int c = Long.compare(a.eventTimeMs(), b.eventTimeMs());
        if (c == 0) {
            c = Double.compare(a.bidPrice(), b.bidPrice());
        }
        if (c == 0) {
            c = Double.compare(a.bidSize(), b.bidSize());
        }
        if (c == 0) {
            c = Double.compare(a.askPrice(), b.askPrice());
        }
        if (c == 0) {
            c = Double.compare(a.askSize(), b.askSize());
        }
        return c > 0;
    }

    /** The last row per identity of an output list (append order = replacement order). */
    public static Map<String, SignalRow> lastSignalByIdentity(List<SignalRow> rows) {
        Map<String, SignalRow> out = new TreeMap<>();
        for (SignalRow r : rows) {
            out.put(identity(r.symbol(), r.windowSizeMs(), r.windowStartMs()), r);
        }
        return out;
    }

    /** Bars by identity; fails on a duplicate identity. */
    public static Map<String, Bar> barsByIdentity(List<Bar> bars) {
        Map<String, Bar> out = new TreeMap<>();
        for (Bar b : bars) {
            Bar previous = out.put(identity(b.symbol(), b.windowSizeMs(), b.windowStartMs()), b);
            if (previous != null) {
                throw new AssertionError("bar emitted twice: " + b + " and " + previous);
            }
        }
        return out;
    }
}
