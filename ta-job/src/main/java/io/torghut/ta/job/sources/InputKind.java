package io.torghut.ta.job.sources;

import io.torghut.ta.job.decode.EnvelopeDecoder;
import io.torghut.ta.job.model.InputRecord;
import io.torghut.ta.job.model.MinuteBarEvent;
import io.torghut.ta.job.model.QuoteEvent;
import io.torghut.ta.job.model.TradeEvent;

/** The three inputs, each with its record class and decoder entry point. */
public enum InputKind {
    TRADES("trades", TradeEvent.class),
    QUOTES("quotes", QuoteEvent.class),
    BARS1M("bars1m", MinuteBarEvent.class);

    private final String label;
    private final Class<? extends InputRecord> type;

    InputKind(String label, Class<? extends InputRecord> type) {
        this.label = label;
        this.type = type;
    }

    /** Name used in metrics, uids and the status heartbeat. */
    public String label() {
        return label;
    }

    /** The record class. */
    @SuppressWarnings("unchecked")
    public <T extends InputRecord> Class<T> type() {
        return (Class<T>) type;
    }

    /** Decodes one value of this input. */
    @SuppressWarnings("unchecked")
    public <T extends InputRecord> T decode(EnvelopeDecoder d, byte[] value, String origin) {
        switch (this) {
            case TRADES:
                return (T) d.decodeTrade(value, origin);
            case QUOTES:
                return (T) d.decodeQuote(value, origin);
            default:
                return (T) d.decodeMinuteBar(value, origin);
        }
    }
}
