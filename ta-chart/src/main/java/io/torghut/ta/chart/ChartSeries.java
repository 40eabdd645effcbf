package io.torghut.ta.chart;

/**
 * The indicator series a chart draws, each from the signal column of the same name, in the pane it
 * belongs to. Overlays on the price pane can be hidden and shown by their toggle; the MACD and RSI
 * panes are always shown.
 */
public enum ChartSeries {
    /** EMA 12 over the closes. */
    EMA12("ema12", "EMA 12", Pane.PRICE, Style.LINE, "#2962ff", Toggle.EMA12),
    /** EMA 26 over the closes. */
    EMA26("ema26", "EMA 26", Pane.PRICE, Style.LINE, "#ff6d00", Toggle.EMA26),
    /** Bollinger 20/2 upper band. */
    BOLL_UPPER(
            "boll_upper", "Bollinger upper", Pane.PRICE, Style.LINE, "#8e24aa", Toggle.BOLLINGER),
    /** Bollinger 20/2 middle band (SMA 20). */
    BOLL_MID("boll_mid", "Bollinger mid", Pane.PRICE, Style.DASHED, "#8e24aa", Toggle.BOLLINGER),
    /** Bollinger 20/2 lower band. */
    BOLL_LOWER(
            "boll_lower", "Bollinger lower", Pane.PRICE, Style.LINE, "#8e24aa", Toggle.BOLLINGER),
    /** VWAP since the New York session began. */
    VWAP_SESSION(
            "vwap_session", "Session VWAP", Pane.PRICE, Style.LINE, "#00897b", Toggle.VWAP_SESSION),
    /** VWAP of the last 5 minutes. */
    VWAP_W5M("vwap_w5m", "5 min VWAP", Pane.PRICE, Style.LINE, "#c0a000", Toggle.VWAP_W5M),
    /** MACD line (EMA 12 − EMA 26). */
    MACD("macd", "MACD", Pane.MACD, Style.LINE, "#2962ff", null),
    /** MACD signal (EMA 9 of MACD). */
    MACD_SIGNAL("macd_signal", "MACD signal", Pane.MACD, Style.LINE, "#ff6d00", null),
    /** MACD histogram (MACD − signal). */
    MACD_HIST("macd_hist", "MACD histogram", Pane.MACD, Style.HISTOGRAM, "#26a69a", null),
    /** RSI 14 (Wilder). */
    RSI14("rsi14", "RSI 14", Pane.RSI, Style.LINE, "#7e57c2", null);

    /** The chart's panes, top to bottom. */
    public enum Pane {
        /** Candles, volume and the overlays. */
        PRICE,
        /** MACD line, signal and histogram. */
        MACD,
        /** RSI with its 30 and 70 guides. */
        RSI
    }

    /** How a series is drawn. */
    public enum Style {
        /** A solid line. */
        LINE,
        /** A dashed line. */
        DASHED,
        /** Bars from zero. */
        HISTOGRAM
    }

    /** The overlay switches of the page; one switch may show and hide several series. */
    public enum Toggle {
        /** EMA 12. */
        EMA12("ema12", "EMA 12"),
        /** EMA 26. */
        EMA26("ema26", "EMA 26"),
        /** The three Bollinger bands. */
        BOLLINGER("bollinger", "Bollinger 20/2"),
        /** Session VWAP. */
        VWAP_SESSION("vwap_session", "Session VWAP"),
        /** 5 min VWAP. */
        VWAP_W5M("vwap_w5m", "5 min VWAP");

        private final String id;
        private final String label;

        Toggle(String id, String label) {
            this.id = id;
            this.label = label;
        }

        /** The page's name of the switch (its checkbox is {@code #toggle-<id>}). */
        public String id() {
            return id;
        }

        /** The switch's label. */
        public String label() {
            return label;
        }
    }

    private final String column;
    private final String label;
    private final Pane pane;
    private final Style style;
    private final String color;
    private final Toggle toggle;

    ChartSeries(String column, String label, Pane pane, Style style, String color, Toggle toggle) {
        this.column = column;
        this.label = label;
        this.pane = pane;
        this.style = style;
        this.color = color;
        this.toggle = toggle;
    }

    /** The signal column the values come from; also the series' name on the page. */
    public String column() {
        return column;
    }

    /** The legend's and the read-out's label. */
    public String label() {
        return label;
    }

    /** The pane it is drawn in. */
    public Pane pane() {
        return pane;
    }

    /** How it is drawn. */
    public Style style() {
        return style;
    }

    /** Its colour, CSS. */
    public String color() {
        return color;
    }

    /** Its overlay switch, or null when always shown. */
    public Toggle toggle() {
        return toggle;
    }
}
