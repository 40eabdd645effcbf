package io.torghut.ta.core.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torghut.ta.core.bars.Bar;
import io.torghut.ta.core.indicators.Bollinger;
import io.torghut.ta.core.indicators.Ema;
import io.torghut.ta.core.indicators.Macd;
import io.torghut.ta.core.indicators.RealizedVolatility;
import io.torghut.ta.core.indicators.RollingVwap;
import io.torghut.ta.core.indicators.Rsi;
import io.torghut.ta.core.indicators.SessionVwap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tests for {@link SignalEngine}. */
class SignalEngineTest {
    /** 23:55 New York, so a 1 s series of 600 bars crosses the session boundary. */
    private static final long T0 = Instant.parse("2026-03-03T04:55:00Z").toEpochMilli();

    static List<Bar> bars(long seed, int n, long sizeMs) {
        Random r = new Random(seed);
        List<Bar> out = new ArrayList<>();
        double p = 100;
        long start = T0;
        for (int i = 0; i < n; i++) {
            start += sizeMs * (r.nextInt(8) == 0 ? 1 + r.nextInt(5) : 1);
            double open = p;
            p *= Math.exp(r.nextGaussian() * 0.001);
            double volume = 1 + r.nextInt(1000);
            double vwap = (open + p) / 2;
            out.add(
                    new Bar(
                            "NVDA",
                            start,
                            start + sizeMs,
                            open,
                            Math.max(open, p) + 0.01,
                            Math.min(open, p) - 0.01,
                            p,
                            volume,
                            vwap * volume,
                            1 + r.nextInt(20),
                            true));
        }
        return out;
    }

    /** Compares boxed values, so NaN (absent) equals NaN. */
    @Test
    void everyFieldEqualsTheStandaloneIndicatorsFedTheSameBars() {
        SignalEngine engine = new SignalEngine(SignalEngineConfig.microBars());
        Ema ema12 = new Ema(12);
        Ema ema26 = new Ema(26);
        Macd macd = new Macd(12, 26, 9);
        Rsi rsi = new Rsi(14);
        Bollinger boll = new Bollinger(20, 2);
        SessionVwap session = new SessionVwap();
        RollingVwap w5m = new RollingVwap(300_000, 1000);
        RealizedVolatility vol = new RealizedVolatility(60_000, 1000);
        int withMacd = 0;
        int withVol = 0;
        for (Bar bar : bars(1, 900, 1000)) {
            SignalRow row = engine.onBar(bar, null);
            assertThat((Object) row.ema12()).isEqualTo(ema12.update(bar.close()));
            assertThat((Object) row.ema26()).isEqualTo(ema26.update(bar.close()));
            Macd.Value m = macd.update(bar.close());
            if (m == null) {
                assertThat(row.macd()).isNaN();
                assertThat(row.macdSignal()).isNaN();
                assertThat(row.macdHist()).isNaN();
            } else {
                withMacd++;
                assertThat(row.macd()).isEqualTo(m.line()).isEqualTo(row.ema12() - row.ema26());
                assertThat(row.macdSignal()).isEqualTo(m.signal());
                assertThat(row.macdHist()).isEqualTo(m.histogram());
            }
            assertThat((Object) row.rsi14()).isEqualTo(rsi.update(bar.close()));
            Bollinger.Bands b = boll.update(bar.close());
            assertThat((Object) row.bollMid()).isEqualTo(b == null ? Double.NaN : b.middle());
            assertThat((Object) row.bollUpper()).isEqualTo(b == null ? Double.NaN : b.upper());
            assertThat((Object) row.bollLower()).isEqualTo(b == null ? Double.NaN : b.lower());
            assertThat((Object) row.vwapSession())
                    .isEqualTo(session.update(bar.windowStartMs(), bar.notional(), bar.volume()));
            assertThat((Object) row.vwapW5m())
                    .isEqualTo(w5m.update(bar.windowEndMs(), bar.notional(), bar.volume()));
            double v = vol.update(bar.windowEndMs(), bar.close());
            assertThat((Object) row.volRealizedW60s()).isEqualTo(v);
            withVol += Double.isNaN(v) ? 0 : 1;
            assertThat(row.imbalanceSpread()).isNaN();
            assertThat(row.imbalanceRatio()).isNaN();
            assertThat(row.microstructureSignalV1()).isNull();
            assertThat(row.eventTimeMs()).isEqualTo(bar.windowEndMs());
            assertThat(row.seq()).isEqualTo(bar.windowStartMs() * 1000 + 1);
            assertThat(row.windowSizeMs()).isEqualTo(1000);
        }
        assertThat(withMacd).isEqualTo(900 - 33);
        assertThat(withVol).isGreaterThan(700);
    }

    @Test
    void sessionVwapResetsAtNewYorkMidnight() {
        SignalEngine engine = new SignalEngine(SignalEngineConfig.microBars());
        long midnight = Instant.parse("2026-03-03T05:00:00Z").toEpochMilli();
        Bar before = new Bar("X", midnight - 1000, midnight, 10, 10, 10, 10, 5, 50, 1, true);
        Bar after = new Bar("X", midnight, midnight + 1000, 20, 20, 20, 20, 5, 100, 1, true);
        assertThat(engine.onBar(before, null).vwapSession()).isEqualTo(10);
        assertThat(engine.onBar(after, null).vwapSession()).isEqualTo(20);
    }

    @Test
    void quoteJoinsOnlyAtOrBeforeTheBarEndAndWithinTheStaleness() {
        SignalEngine engine =
                new SignalEngine(SignalEngineConfig.builder().quoteStaleAfterMs(2000).build());
        long start = T0;
        Bar bar = new Bar("X", start, start + 1000, 10, 10, 10, 10, 1, 10, 1, true);
        SignalRow fresh = engine.onBar(bar, new Quote(start + 1000, 9.99, 300, 10.01, 100));
        assertThat(fresh.imbalanceBidPx()).isEqualTo(9.99);
        assertThat(fresh.imbalanceAskPx()).isEqualTo(10.01);
        assertThat(fresh.imbalanceBidSz()).isEqualTo(300);
        assertThat(fresh.imbalanceAskSz()).isEqualTo(100);
        assertThat(fresh.imbalanceSpread()).isEqualTo(10.01 - 9.99);
        assertThat(fresh.imbalanceMid()).isEqualTo((9.99 + 10.01) / 2);
        assertThat(fresh.imbalanceRatio()).isEqualTo(0.5);

        Bar next = new Bar("X", start + 5000, start + 6000, 10, 10, 10, 10, 1, 10, 1, true);
        assertThat(engine.onBar(next, new Quote(start + 3999, 9, 1, 11, 1)).imbalanceSpread())
                .as("older than 2000 ms before the bar end")
                .isNaN();
        Bar third = new Bar("X", start + 6000, start + 7000, 10, 10, 10, 10, 1, 10, 1, true);
        assertThat(engine.onBar(third, new Quote(start + 7001, 9, 1, 11, 1)).imbalanceSpread())
                .as("after the bar end")
                .isNaN();
        Bar fourth = new Bar("X", start + 7000, start + 8000, 10, 10, 10, 10, 1, 10, 1, true);
        assertThat(engine.onBar(fourth, new Quote(start + 6000, 9, 0, 11, 0)).imbalanceRatio())
                .as("empty book sides")
                .isNaN();
    }

    @Test
    void revisedMinuteBarReplacesInsteadOfAppending() {
        List<Bar> bars = bars(3, 120, 60_000);
        SignalEngine revised = new SignalEngine(SignalEngineConfig.minuteBars());
        SignalEngine clean = new SignalEngine(SignalEngineConfig.minuteBars());
        Random r = new Random(5);
        for (Bar bar : bars) {
            if (r.nextBoolean()) {
                // A non-final first version with a different close, then the final one.
                Bar draft =
                        new Bar(
                                bar.symbol(),
                                bar.windowStartMs(),
                                bar.windowEndMs(),
                                bar.open(),
                                bar.high() + 1,
                                bar.low(),
                                bar.close() * 1.01,
                                bar.volume() / 2,
                                bar.notional() / 2,
                                bar.count(),
                                false);
                SignalRow draftRow = revised.onBar(draft, null);
                assertThat(draftRow.isFinal()).isFalse();
                assertThat(draftRow.seq()).isEqualTo(bar.windowStartMs() * 1000 + 60);
            }
            assertThat(revised.onBar(bar, null)).isEqualTo(clean.onBar(bar, null));
        }
    }

    @Test
    void minuteLaneAnchorsEventTimeOnTheBarStartAndHasNoSixtySecondVolatility() {
        SignalEngine engine = new SignalEngine(SignalEngineConfig.minuteBars());
        for (Bar bar : bars(4, 200, 60_000)) {
            SignalRow row = engine.onBar(bar, null);
            assertThat(row.eventTimeMs()).isEqualTo(bar.windowStartMs());
            assertThat(row.windowEndMs()).isEqualTo(bar.windowStartMs() + 60_000);
            assertThat(row.volRealizedW60s()).isNaN();
        }
    }

    @Test
    void olderBarsAreRefusedAndRepeatsAreRefusedInTheOneSecondLane() {
        SignalEngine engine = new SignalEngine(SignalEngineConfig.microBars());
        List<Bar> bars = bars(6, 10, 1000);
        for (Bar b : bars) {
            assertThat(engine.onBar(b, null)).isNotNull();
        }
        assertThat(engine.onBar(bars.get(3), null)).isNull();
        assertThat(engine.onBar(bars.get(9), null)).isNull();
        assertThatThrownBy(() -> engine.onBar(bars(1, 1, 60_000).get(0), null))
                .hasMessageContaining("bar window must be 1000 ms");
    }

    @Test
    void configBuilderNamesWhatIsWrong() {
        assertThatThrownBy(() -> SignalEngineConfig.builder().macd(26, 12, 9).build())
                .hasMessageContaining("emaSlow must be > emaFast (26), got 12");
        assertThatThrownBy(() -> SignalEngineConfig.builder().vwapWindowMs(1500).build())
                .hasMessageContaining("vwapWindowMs must be a whole multiple of the bar size");
        assertThatThrownBy(() -> SignalEngineConfig.builder().barSizeMs(500).build())
                .hasMessageContaining("barSizeMs");
        assertThatThrownBy(() -> SignalEngineConfig.builder().quoteStaleAfterMs(-1).build())
                .hasMessageContaining("quoteStaleAfterMs must be >= 0, got -1");
    }

    @Test
    void rowIdentityIsDerivedFromTheWindow() {
        assertThat(RowIdentity.seq(1_772_500_000_000L, 1000)).isEqualTo(1_772_500_000_000_001L);
        assertThat(RowIdentity.seq(1_772_500_020_000L, 60_000)).isEqualTo(1_772_500_020_000_060L);
        assertThat(RowIdentity.windowSizeLabel(1000)).isEqualTo("PT1S");
        assertThat(RowIdentity.windowSizeLabel(60_000)).isEqualTo("PT1M");
        assertThatThrownBy(() -> RowIdentity.seq(0, 1500)).hasMessageContaining("windowSizeMs");
    }
}
