package io.torghut.ta.benchmarks.e2e.baseline;

import io.torghut.ta.benchmarks.baseline.Ta4jRebuild;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A signal row of the original design: the bar's shared fields and the values {@link Ta4jRebuild}
 * read at the series end, null where the original wrote null (RSI with fewer than 2 bars, Bollinger
 * with fewer than 20, the quote imbalance without quotes). A Flink POJO.
 */
public final class OriginalSignal {
    /** The bar that triggered the computation (its event time, seq, ingest time and window). */
    public OriginalBar bar;

    /** MACD 12/26. */
    public double macd;

    /** EMA 9 of the MACD. */
    public double macdSignal;

    /** MACD minus its signal. */
    public double macdHist;

    /** EMA 12 of the close. */
    public double ema12;

    /** EMA 26 of the close. */
    public double ema26;

    /** RSI 14; null with fewer than 2 bars. */
    public Double rsi14;

    /** Bollinger middle; null with fewer than 20 bars. */
    public Double bollMid;

    /** Bollinger upper; null with fewer than 20 bars. */
    public Double bollUpper;

    /** Bollinger lower; null with fewer than 20 bars. */
    public Double bollLower;

    /** Session VWAP of closes. */
    public double vwapSession;

    /** 5 min VWAP of closes. */
    public double vwapW5m;

    /** Realized volatility of the last 60 log returns. */
    public double volRealizedW60s;

    /** A row with every field zero, for Flink's serializer. */
    public OriginalSignal() {}

    /** The signal row for {@code bar} from the values read for it. */
    static OriginalSignal of(OriginalBar bar, Ta4jRebuild.Values v) {
        OriginalSignal s = new OriginalSignal();
        s.bar = bar;
        s.macd = v.macd();
        s.macdSignal = v.macdSignal();
        s.macdHist = v.macdHist();
        s.ema12 = v.ema12();
        s.ema26 = v.ema26();
        s.rsi14 = v.bars() < 2 ? null : v.rsi14();
        boolean bands = v.bars() >= 20;
        s.bollMid = bands ? v.bollMid() : null;
        s.bollUpper = bands ? v.bollUpper() : null;
        s.bollLower = bands ? v.bollLower() : null;
        s.vwapSession = v.vwapSession();
        s.vwapW5m = v.vwapW5m();
        s.volRealizedW60s = v.volRealizedW60s();
        return s;
    }

    /** The row written to the signals topic, with the original's field names. */
    public Map<String, Object> toRow() {
        Map<String, Object> row = new LinkedHashMap<>();
        OriginalBar.envelope(row, bar);
        row.put("macd", macd);
        row.put("macd_signal", macdSignal);
        row.put("macd_hist", macdHist);
        row.put("ema12", ema12);
        row.put("ema26", ema26);
        row.put("rsi14", rsi14);
        row.put("boll_mid", bollMid);
        row.put("boll_upper", bollUpper);
        row.put("boll_lower", bollLower);
        row.put("vwap_session", vwapSession);
        row.put("vwap_w5m", vwapW5m);
        // No quotes in this design's runs: the imbalance group is null, as without a fresh quote.
        row.put("imbalance_spread", null);
        row.put("imbalance_bid_px", null);
        row.put("imbalance_ask_px", null);
        row.put("imbalance_bid_sz", null);
        row.put("imbalance_ask_sz", null);
        row.put("vol_realized_w60s", volRealizedW60s);
        return row;
    }
}
