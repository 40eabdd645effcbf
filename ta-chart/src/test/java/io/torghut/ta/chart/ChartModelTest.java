package io.torghut.ta.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The data a chart embeds: candles, series, lanes, lag, ranges and symbols, from rows. */
class ChartModelTest {
    private static final Instant START = Instant.parse("2026-03-03T14:30:00Z");
    private static final Instant NOW = Instant.parse("2026-03-03T14:35:00Z");

    private static ChartRow bar(
            String symbol, long second, double o, double h, double l, double c, double v) {
        long ws = START.toEpochMilli() + second * 1000;
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("o", o);
        values.put("h", h);
        values.put("l", l);
        values.put("c", c);
        values.put("v", v);
        values.put("vwap", c);
        values.put("count", 1.0);
        return new ChartRow(OutputKind.BARS, symbol, "PT1S", ws, ws + 1000, ws, values);
    }

    private static ChartRow signal(
            String symbol, String lane, long startMs, String column, Double value) {
        Map<String, Double> values = new LinkedHashMap<>();
        OutputKind.SIGNALS.valueColumns().forEach(c -> values.put(c, null));
        values.put(column, value);
        return new ChartRow(
                OutputKind.SIGNALS, symbol, lane, startMs, startMs + 1000, startMs, values);
    }

    private static SourceRows rows(List<ChartRow> rows) {
        Map<String, Long> newest = new LinkedHashMap<>();
        rows.forEach(r -> newest.merge(r.symbol(), r.eventTsMs(), Math::max));
        return new SourceRows(rows, newest);
    }

    @Test
    void oneSecondCandlesAreTheBarsAndOneMinuteCandlesTakeEachMinutesBarsTogether() {
        List<ChartRow> bars =
                List.of(
                        bar("AAPL", 0, 10, 11, 9.5, 10.5, 100),
                        bar("AAPL", 1, 10.5, 12, 10.4, 11.9, 50),
                        bar("AAPL", 59, 11.9, 12.1, 8.0, 9.0, 25),
                        bar("AAPL", 60, 9.0, 9.2, 8.9, 9.1, 7));
        List<ChartModel.Candle> seconds = ChartModel.candles(bars, Lane.SECOND);
        assertThat(seconds)
                .extracting(ChartModel.Candle::time)
                .containsExactly(
                        START.getEpochSecond(),
                        START.getEpochSecond() + 1,
                        START.getEpochSecond() + 59,
                        START.getEpochSecond() + 60);
        assertThat(seconds.get(1))
                .isEqualTo(
                        new ChartModel.Candle(
                                START.getEpochSecond() + 1, 10.5, 12, 10.4, 11.9, 50));

        List<ChartModel.Candle> minutes = ChartModel.candles(bars, Lane.MINUTE);
        assertThat(minutes)
                .containsExactly(
                        new ChartModel.Candle(START.getEpochSecond(), 10, 12.1, 8.0, 9.0, 175),
                        new ChartModel.Candle(START.getEpochSecond() + 60, 9.0, 9.2, 8.9, 9.1, 7));
    }

    @Test
    void aSeriesHasTheFiniteValuesOfItsColumnAtTheWindowStartsOfItsLane() {
        long t = START.toEpochMilli();
        List<ChartRow> rows = new ArrayList<>();
        rows.add(bar("AAPL", 0, 1, 1, 1, 1, 1));
        rows.add(signal("AAPL", "PT1S", t, "ema12", null)); // warming up
        rows.add(signal("AAPL", "PT1S", t + 1000, "ema12", 101.5));
        rows.add(signal("AAPL", "PT1S", t + 2000, "ema12", Double.NaN));
        rows.add(signal("AAPL", "PT1S", t + 3000, "ema12", 102.25));
        rows.add(signal("AAPL", "PT1M", t, "ema12", 99.0));
        ChartModel model = ChartModel.of(rows(rows), ChartQuery.all(), "test", NOW);

        ChartModel.SymbolView aapl = model.symbols().get(0);
        assertThat(aapl.lanes().get(Lane.SECOND).series().get(ChartSeries.EMA12))
                .containsExactly(
                        new ChartModel.Point(START.getEpochSecond() + 1, 101.5),
                        new ChartModel.Point(START.getEpochSecond() + 3, 102.25));
        assertThat(aapl.lanes().get(Lane.MINUTE).series().get(ChartSeries.EMA12))
                .containsExactly(new ChartModel.Point(START.getEpochSecond(), 99.0));
        assertThat(aapl.lanes().get(Lane.SECOND).series().get(ChartSeries.RSI14)).isEmpty();
    }

    @Test
    void everySeriesReadsTheSignalColumnOfItsName() {
        for (ChartSeries s : ChartSeries.values()) {
            assertThat(OutputKind.SIGNALS.valueColumns()).contains(s.column());
        }
        assertThat(OutputKind.BARS.valueColumns())
                .containsExactly("o", "h", "l", "c", "v", "vwap", "count");
        assertThat(OutputKind.SIGNALS.valueColumns())
                .startsWith("macd", "macd_signal", "macd_hist", "ema12", "ema26", "rsi14")
                .contains("vwap_session", "vwap_w5m", "boll_upper", "vol_realized_w60s")
                .doesNotContain("microstructure_signal_v1", "version", "seq");
    }

    @Test
    void theLagIsTheWrittenTimeMinusTheNewestEventTimeOfTheSymbolAgainstTheTarget() {
        FreshnessLag fresh =
                FreshnessLag.of(NOW.minusSeconds(120).toEpochMilli(), NOW, Duration.ofMinutes(2));
        assertThat(fresh.lag()).isEqualTo(Duration.ofSeconds(120));
        assertThat(fresh.onTarget()).isTrue();
        FreshnessLag late =
                FreshnessLag.of(
                        NOW.minusMillis(120_001).toEpochMilli(), NOW, Duration.ofMinutes(2));
        assertThat(late.onTarget()).isFalse();
        assertThat(FreshnessLag.of(null, NOW, Duration.ofMinutes(2)).lagText()).isEqualTo("n/a");
        assertThat(FreshnessLag.of(null, NOW, Duration.ofMinutes(2)).onTarget()).isFalse();

        assertThat(FreshnessLag.text(Duration.ofMillis(850))).isEqualTo("850 ms");
        assertThat(FreshnessLag.text(Duration.ofSeconds(42))).isEqualTo("42 s");
        assertThat(FreshnessLag.text(Duration.ofSeconds(185))).isEqualTo("3 min 5 s");
        assertThat(FreshnessLag.text(Duration.ofMinutes(127))).isEqualTo("2 h 7 min");
        assertThat(FreshnessLag.text(Duration.ofHours(24 * 273 + 7))).isEqualTo("273 d 7 h");
        assertThat(FreshnessLag.text(Duration.ofSeconds(-5))).isEqualTo("-5 s");

        // Per symbol, from the source's newest event_ts (not the newest row in the range).
        List<ChartRow> r = List.of(bar("AAPL", 0, 1, 1, 1, 1, 1));
        SourceRows source = new SourceRows(r, Map.of("AAPL", NOW.minusSeconds(30).toEpochMilli()));
        ChartModel model = ChartModel.of(source, ChartQuery.all(), "test", NOW);
        assertThat(model.symbols().get(0).lag().lag()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void rangesAreHalfOpenAndAnEmptyOrBackwardRangeIsRefused() {
        TimeRange r = new TimeRange(START, START.plusSeconds(60));
        assertThat(r.contains(START.toEpochMilli())).isTrue();
        assertThat(r.contains(START.plusSeconds(60).toEpochMilli() - 1)).isTrue();
        assertThat(r.contains(START.plusSeconds(60).toEpochMilli())).isFalse();
        assertThat(r.contains(START.toEpochMilli() - 1)).isFalse();
        assertThat(new TimeRange(START, null).contains(Long.MAX_VALUE)).isTrue();
        assertThat(TimeRange.ALL.describe()).isEqualTo("all times");
        assertThat(r.describe()).isEqualTo("[2026-03-03T14:30:00Z, 2026-03-03T14:31:00Z)");
        assertThatThrownBy(() -> new TimeRange(START, START))
                .hasMessageContaining("is not after its start");
    }

    @Test
    void symbolsKeepTheOrderAskedForAndASymbolWithoutRowsIsReported() {
        List<ChartRow> r = List.of(bar("MSFT", 0, 1, 1, 1, 1, 1), bar("AAPL", 0, 1, 1, 1, 1, 1));
        ChartModel all = ChartModel.of(rows(r), ChartQuery.all(), "test", NOW);
        assertThat(all.symbols())
                .extracting(ChartModel.SymbolView::symbol)
                .containsExactly("AAPL", "MSFT");
        assertThat(all.symbolsWithoutRows()).isEmpty();

        ChartModel asked =
                ChartModel.of(
                        rows(r),
                        ChartQuery.all().withSymbols(List.of("MSFT", "ZZZZ")),
                        "test",
                        NOW);
        assertThat(asked.symbols())
                .extracting(ChartModel.SymbolView::symbol)
                .containsExactly("MSFT", "ZZZZ");
        assertThat(asked.symbolsWithoutRows()).containsExactly("ZZZZ");
        assertThat(asked.hasRows()).isTrue();
        assertThat(ChartPage.noDataMessage(asked))
                .isEqualTo("No data: test has no bars or signals of ZZZZ in all times.");

        ChartModel none = ChartModel.of(rows(List.of()), ChartQuery.all(), "test", NOW);
        assertThat(none.hasRows()).isFalse();
        assertThatThrownBy(() -> ChartQuery.all().withSymbols(List.of("A'B")))
                .hasMessageContaining("symbol 'A'B'");
    }

    @Test
    void parityMarkersNameEachDifferingIdentityOfTheirLaneOncePerTime() {
        long t = START.toEpochMilli();
        ChartRow.Identity bar = new ChartRow.Identity(OutputKind.BARS, "AAPL", "PT1S", t);
        ChartRow.Identity sig = new ChartRow.Identity(OutputKind.SIGNALS, "AAPL", "PT1S", t);
        ChartRow.Identity later =
                new ChartRow.Identity(OutputKind.SIGNALS, "AAPL", "PT1S", t + 2000);
        ChartRow.Identity minute = new ChartRow.Identity(OutputKind.SIGNALS, "AAPL", "PT1M", t);
        List<ParityComparison.Difference> d =
                List.of(
                        new ParityComparison.Difference(
                                bar, ParityComparison.Kind.MISSING_IN_REPLAY, List.of()),
                        new ParityComparison.Difference(
                                sig,
                                ParityComparison.Kind.VALUES_DIFFER,
                                List.of(
                                        new ParityComparison.ColumnDifference("ema12", 1.0, 2.0),
                                        new ParityComparison.ColumnDifference(
                                                "rsi14", null, 50.0))),
                        new ParityComparison.Difference(
                                later, ParityComparison.Kind.EXTRA_IN_REPLAY, List.of()),
                        new ParityComparison.Difference(
                                minute, ParityComparison.Kind.EXTRA_IN_REPLAY, List.of()));
        assertThat(ChartModel.markers(d, Lane.SECOND))
                .containsExactly(
                        new ChartModel.Marker(
                                START.getEpochSecond(), "bar missing; signal ≠ ema12,rsi14"),
                        new ChartModel.Marker(START.getEpochSecond() + 2, "signal extra"));
        assertThat(ChartModel.markers(d, Lane.MINUTE))
                .containsExactly(new ChartModel.Marker(START.getEpochSecond(), "signal extra"));
    }
}
