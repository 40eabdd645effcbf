package io.torghut.ta.chart;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a chart page shows, built from rows: per symbol its freshness lag and, per lane, the candles
 * with their volume and every indicator series; for a parity chart also the live rows' series and a
 * marker at each identity that differs. Times are epoch seconds of the window start (the charting
 * library's time unit), so a bar and the signal computed from it share a time.
 *
 * @param title the page title
 * @param source where the rows come from
 * @param range the window starts shown
 * @param generatedAt when the page was written: what the lag is measured against
 * @param initialLane the lane the page opens with
 * @param symbols one view per symbol, in the page's order
 * @param parity the comparison, for a parity chart; null otherwise
 */
public record ChartModel(
        String title,
        String source,
        TimeRange range,
        Instant generatedAt,
        Lane initialLane,
        List<SymbolView> symbols,
        ParityView parity) {

    /** Copies the symbols. */
    public ChartModel {
        symbols = List.copyOf(symbols);
    }

    /**
     * A candle: one 1 s bar, or in the 1 min lane the 1 s bars of one minute taken together.
     *
     * @param time window start, epoch seconds
     * @param open first open
     * @param high highest high
     * @param low lowest low
     * @param close last close
     * @param volume summed volume
     */
    public record Candle(
            long time, double open, double high, double low, double close, double volume) {}

    /**
     * One value of a series.
     *
     * @param time window start, epoch seconds
     * @param value the value
     */
    public record Point(long time, double value) {}

    /**
     * A marker on the candles: an identity of a parity chart that differs.
     *
     * @param time window start, epoch seconds
     * @param text what differs
     */
    public record Marker(long time, String text) {}

    /**
     * One lane of one symbol.
     *
     * @param lane the lane
     * @param candles the candles, in time order
     * @param series each indicator's values (a series without values has an empty list)
     * @param live in a parity chart, the live rows' close ({@code c}) and indicators; else empty
     * @param markers in a parity chart, the differing identities of this lane; else empty
     */
    public record LaneView(
            Lane lane,
            List<Candle> candles,
            Map<ChartSeries, List<Point>> series,
            Map<String, List<Point>> live,
            List<Marker> markers) {
        /** Copies everything. */
        public LaneView {
            candles = List.copyOf(candles);
            series = Map.copyOf(series);
            live = Map.copyOf(live);
            markers = List.copyOf(markers);
        }

        /** Whether the lane has neither candles nor any value. */
        public boolean isEmpty() {
            return candles.isEmpty() && series.values().stream().allMatch(List::isEmpty);
        }
    }

    /**
     * One symbol.
     *
     * @param symbol the symbol
     * @param lag its freshness lag at {@link ChartModel#generatedAt()}
     * @param lanes every lane
     * @param hasRows whether the source has any row of the symbol in the range
     */
    public record SymbolView(
            String symbol, FreshnessLag lag, Map<Lane, LaneView> lanes, boolean hasRows) {
        /** Copies the lanes. */
        public SymbolView {
            lanes = Map.copyOf(lanes);
        }
    }

    /**
     * A parity chart's comparison.
     *
     * @param liveSource where the live rows come from
     * @param result the comparison
     */
    public record ParityView(String liveSource, ParityComparison.Result result) {}

    /** The model of a chart of {@code rows} as {@code query} asks, written at {@code now}. */
    public static ChartModel of(SourceRows rows, ChartQuery query, String source, Instant now) {
        List<SymbolView> views = new ArrayList<>();
        for (String symbol : symbols(query, rows.rows())) {
            List<ChartRow> own = ofSymbol(rows.rows(), symbol);
            views.add(
                    new SymbolView(
                            symbol,
                            FreshnessLag.of(
                                    rows.newestEventTsMs().get(symbol), now, query.lagTarget()),
                            lanes(own, List.of(), List.of()),
                            !own.isEmpty()));
        }
        return new ChartModel(
                title(views, "TA chart"),
                source,
                query.range(),
                now,
                query.initialLane(),
                views,
                null);
    }

    /**
     * The model of a parity chart of one symbol: the replayed rows drawn (a bar only the live rows
     * have drawn from them, so its marker has a candle), the live rows' close and indicators beside
     * them, a marker at every identity that differs.
     */
    public static ChartModel parity(
            SourceRows live,
            String liveSource,
            SourceRows replayed,
            String replayedSource,
            ChartQuery query,
            Instant now) {
        String symbol = query.symbols().get(0);
        List<ChartRow> liveRows = ofSymbol(live.rows(), symbol);
        List<ChartRow> replayedRows = ofSymbol(replayed.rows(), symbol);
        ParityComparison.Result result = ParityComparison.compare(liveRows, replayedRows);
        Set<ChartRow.Identity> replayedIds = new HashSet<>();
        replayedRows.forEach(r -> replayedIds.add(r.identity()));
        List<ChartRow> drawn = new ArrayList<>(replayedRows);
        for (ChartRow r : liveRows) {
            if (r.kind() == OutputKind.BARS && !replayedIds.contains(r.identity())) {
                drawn.add(r);
            }
        }
        Long newest = replayed.newestEventTsMs().get(symbol);
        SymbolView view =
                new SymbolView(
                        symbol,
                        FreshnessLag.of(newest, now, query.lagTarget()),
                        lanes(drawn, liveRows, result.differences()),
                        !liveRows.isEmpty() || !replayedRows.isEmpty());
        return new ChartModel(
                "Replay parity: " + symbol,
                replayedSource,
                query.range(),
                now,
                query.initialLane(),
                List.of(view),
                new ParityView(liveSource, result));
    }

    /** Whether the model has a row to draw. */
    public boolean hasRows() {
        return symbols.stream().anyMatch(SymbolView::hasRows);
    }

    /** The symbols asked for without a row in the range. */
    public List<String> symbolsWithoutRows() {
        return symbols.stream().filter(s -> !s.hasRows()).map(SymbolView::symbol).toList();
    }

    private static String title(List<SymbolView> views, String prefix) {
        return prefix + ": " + String.join(", ", views.stream().map(SymbolView::symbol).toList());
    }

    /** The symbols asked for in their order, or else every symbol of the rows, sorted. */
    private static List<String> symbols(ChartQuery query, List<ChartRow> rows) {
        if (!query.symbols().isEmpty()) {
            return query.symbols();
        }
        Set<String> all = new java.util.TreeSet<>();
        rows.forEach(r -> all.add(r.symbol()));
        return List.copyOf(all);
    }

    private static List<ChartRow> ofSymbol(List<ChartRow> rows, String symbol) {
        return rows.stream().filter(r -> r.symbol().equals(symbol)).toList();
    }

    private static Map<Lane, LaneView> lanes(
            List<ChartRow> rows,
            List<ChartRow> liveRows,
            List<ParityComparison.Difference> differences) {
        List<ChartRow> bars =
                rows.stream()
                        .filter(r -> r.kind() == OutputKind.BARS)
                        .filter(r -> r.windowSize().equals(Lane.SECOND.windowSize()))
                        .sorted((a, b) -> Long.compare(a.windowStartMs(), b.windowStartMs()))
                        .toList();
        Map<Lane, LaneView> out = new EnumMap<>(Lane.class);
        for (Lane lane : Lane.values()) {
            out.put(
                    lane,
                    new LaneView(
                            lane,
                            candles(bars, lane),
                            series(signals(rows, lane)),
                            live(liveRows, lane),
                            markers(differences, lane)));
        }
        return out;
    }

    private static List<ChartRow> signals(List<ChartRow> rows, Lane lane) {
        return rows.stream()
                .filter(r -> r.kind() == OutputKind.SIGNALS)
                .filter(r -> r.windowSize().equals(lane.windowSize()))
                .sorted((a, b) -> Long.compare(a.windowStartMs(), b.windowStartMs()))
                .toList();
    }

    /** 1 s bars as candles of {@code lane}: one each, or by minute taken together. */
    static List<Candle> candles(List<ChartRow> bars, Lane lane) {
        TreeMap<Long, Candle> byTime = new TreeMap<>();
        for (ChartRow b : bars) {
            long time = Math.floorDiv(b.windowStartMs(), lane.millis()) * lane.millis() / 1000;
            Candle c =
                    new Candle(
                            time,
                            b.value("o"),
                            b.value("h"),
                            b.value("l"),
                            b.value("c"),
                            b.value("v"));
            byTime.merge(
                    time,
                    c,
                    (x, y) ->
                            new Candle(
                                    time,
                                    x.open(),
                                    Math.max(x.high(), y.high()),
                                    Math.min(x.low(), y.low()),
                                    y.close(),
                                    x.volume() + y.volume()));
        }
        return List.copyOf(byTime.values());
    }

    private static Map<ChartSeries, List<Point>> series(List<ChartRow> signals) {
        Map<ChartSeries, List<Point>> out = new EnumMap<>(ChartSeries.class);
        for (ChartSeries s : ChartSeries.values()) {
            out.put(s, points(signals, s.column()));
        }
        return out;
    }

    /** The finite values of {@code column}, in time order. */
    static List<Point> points(List<ChartRow> rows, String column) {
        List<Point> out = new ArrayList<>();
        for (ChartRow r : rows) {
            Double v = r.value(column);
            if (v != null && Double.isFinite(v)) {
                out.add(new Point(r.windowStartMs() / 1000, v));
            }
        }
        return out;
    }

    private static Map<String, List<Point>> live(List<ChartRow> liveRows, Lane lane) {
        if (liveRows.isEmpty()) {
            return Map.of();
        }
        Map<String, List<Point>> out = new LinkedHashMap<>();
        List<ChartRow> liveBars =
                liveRows.stream()
                        .filter(r -> r.kind() == OutputKind.BARS)
                        .sorted((a, b) -> Long.compare(a.windowStartMs(), b.windowStartMs()))
                        .toList();
        List<Point> closes = new ArrayList<>();
        for (Candle c : candles(liveBars, lane)) {
            closes.add(new Point(c.time(), c.close()));
        }
        out.put("c", closes);
        List<ChartRow> liveSignals = signals(liveRows, lane);
        for (ChartSeries s : ChartSeries.values()) {
            out.put(s.column(), points(liveSignals, s.column()));
        }
        return out;
    }

    /** One marker per time of the lane, naming each identity there that differs. */
    static List<Marker> markers(List<ParityComparison.Difference> differences, Lane lane) {
        Map<Long, Set<String>> byTime = new TreeMap<>();
        for (ParityComparison.Difference d : differences) {
            if (!d.identity().windowSize().equals(lane.windowSize())) {
                continue;
            }
            long time =
                    Math.floorDiv(d.identity().windowStartMs(), lane.millis())
                            * lane.millis()
                            / 1000;
            String what =
                    switch (d.kind()) {
                        case MISSING_IN_REPLAY -> "missing";
                        case EXTRA_IN_REPLAY -> "extra";
                        case VALUES_DIFFER ->
                                "≠ "
                                        + String.join(
                                                ",",
                                                d.columns().stream()
                                                        .map(
                                                                ParityComparison.ColumnDifference
                                                                        ::column)
                                                        .toList());
                    };
            byTime.computeIfAbsent(time, t -> new LinkedHashSet<>())
                    .add((d.identity().kind() == OutputKind.BARS ? "bar " : "signal ") + what);
        }
        List<Marker> out = new ArrayList<>();
        byTime.forEach((time, texts) -> out.add(new Marker(time, String.join("; ", texts))));
        return out;
    }
}
