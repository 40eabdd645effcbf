package io.torghut.ta.testkit;

import io.torghut.ta.core.bars.Bar;
import io.torghut.ta.core.bars.ReferenceBars;
import io.torghut.ta.core.signals.Quote;
import io.torghut.ta.core.signals.SignalEngine;
import io.torghut.ta.core.signals.SignalRow;
import io.torghut.ta.job.TaTopology;
import io.torghut.ta.job.clickhouse.RowValues;
import io.torghut.ta.job.clickhouse.TaTables;
import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.local.TapeGenerator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one reference of what the job must make of a tape, computed without the job: bars by the
 * brute-force model {@link ReferenceBars} over the on-time trades, signals by feeding ta-core's
 * engine those bars (and the 1 min bars' final versions) with the latest quote at or before each
 * bar end. As objects, or as the {@link OutputRows} that outputs are compared with.
 */
public final class Reference {
    private Reference() {}

    /** Row identity: symbol, window size, window start. */
    public static String identity(String symbol, long windowSizeMs, long windowStartMs) {
        return symbol + "|" + windowSizeMs + "|" + windowStartMs;
    }

    /** Brute-force 1 s bars of the tape's on-time trades ({@link ReferenceBars}), by identity. */
    public static Map<String, Bar> bars(TapeGenerator.Tape tape) {
        Map<String, List<ReferenceBars.Trade>> bySymbol = new TreeMap<>();
        for (TapeGenerator.Trade t : tape.onTimeTrades()) {
            bySymbol.computeIfAbsent(t.symbol(), k -> new ArrayList<>())
                    .add(new ReferenceBars.Trade(t.eventTs(), t.seq(), t.price(), t.size()));
        }
        Map<String, Bar> out = new TreeMap<>();
        bySymbol.forEach(
                (symbol, trades) ->
                        ReferenceBars.of(symbol, 1000, trades)
                                .forEach(
                                        b ->
                                                out.put(
                                                        identity(symbol, 1000, b.windowStartMs()),
                                                        b)));
        return out;
    }

    /** The expected 1 s bar rows of a tape as {@link OutputRows}, by identity. */
    public static Map<String, List<String>> barRows(TapeGenerator.Tape tape, boolean secondsOnly) {
        List<List<String>> rows = new ArrayList<>();
        for (Bar b : bars(tape).values()) {
            rows.add(OutputRows.fromValues(TaTables.MICROBARS, RowValues.bar(b, 0), secondsOnly));
        }
        return OutputRows.byIdentity(TaTables.MICROBARS, rows);
    }

    /** The expected signal rows of a tape for a configuration as {@link OutputRows}. */
    public static Map<String, List<String>> signalRows(
            TapeGenerator.Tape tape, TaConfig config, boolean secondsOnly) {
        List<List<String>> rows = new ArrayList<>();
        for (SignalRow s : signals(tape, config).values()) {
            rows.add(OutputRows.fromValues(TaTables.SIGNALS, RowValues.signal(s, 0), secondsOnly));
        }
        return OutputRows.byIdentity(TaTables.SIGNALS, rows);
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
