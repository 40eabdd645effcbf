package io.torghut.ta.local;

import io.torghut.ta.job.sinks.TimestampText;
import java.time.Instant;

/**
 * Writes input records in the wire format of the three input topics: the feed's JSON envelope
 * ({@code ingestTs}, {@code eventTs}, {@code feed}, {@code channel}, {@code symbol}, {@code seq},
 * {@code isFinal}, {@code source}, {@code version}, {@code payload}) with the payload of a trade, a
 * quote or a 1 min bar, in the key order the feed writes them, including the fields the job skips.
 *
 * <p>One writer per thread: it reuses one buffer, so writing a record costs a string and nothing
 * else (the end-to-end benchmark writes tens of millions). Numbers are written as Java writes them,
 * whole numbers without a fraction, timestamps as ISO-8601 UTC with milliseconds.
 */
public final class EnvelopeWriter {
    /** The envelope's keys, in the order the feed writes them. */
    public static final String[] ENVELOPE_KEYS = {
        "ingestTs",
        "eventTs",
        "feed",
        "channel",
        "symbol",
        "seq",
        "isFinal",
        "source",
        "version",
        "payload"
    };

    private final StringBuilder json = new StringBuilder(384);
    private final byte[] time = new byte[23];

    /** The JSON of a trade of {@code size} shares at {@code price}. */
    public String trade(
            String symbol, long seq, long eventTs, long ingestTs, double price, double size) {
        envelope("trades", symbol, seq, eventTs, ingestTs, true);
        json.append("{\"i\":").append(seq * 7919).append(",\"p\":");
        number(price);
        json.append(",\"s\":");
        number(size);
        json.append(",\"t\":");
        timestamp(eventTs);
        json.append(",\"c\":[\"@\"],\"x\":\"V\"}}");
        return json.toString();
    }

    /** The JSON of a quote: bid and ask price and size. */
    public String quote(
            String symbol,
            long seq,
            long eventTs,
            long ingestTs,
            double bidPrice,
            double bidSize,
            double askPrice,
            double askSize) {
        envelope("quotes", symbol, seq, eventTs, ingestTs, true);
        json.append("{\"bp\":");
        number(bidPrice);
        json.append(",\"bs\":");
        number(bidSize);
        json.append(",\"ap\":");
        number(askPrice);
        json.append(",\"as\":");
        number(askSize);
        json.append(",\"t\":");
        timestamp(eventTs);
        json.append("}}");
        return json.toString();
    }

    /**
     * The JSON of a 1 min bar for the minute starting at {@code startMs}: its event time is the
     * minute's end; a final bar comes on channel {@code bars}, an updated one on {@code
     * updatedBars} with {@code isFinal} false.
     */
    public String minuteBar(
            String symbol,
            long seq,
            long startMs,
            long ingestTs,
            boolean isFinal,
            double open,
            double high,
            double low,
            double close,
            double volume,
            double vwap,
            long count) {
        envelope(
                isFinal ? "bars" : "updatedBars", symbol, seq, startMs + 60_000, ingestTs, isFinal);
        json.append("{\"o\":");
        number(open);
        json.append(",\"h\":");
        number(high);
        json.append(",\"l\":");
        number(low);
        json.append(",\"c\":");
        number(close);
        json.append(",\"v\":");
        number(volume);
        json.append(",\"vw\":");
        number(vwap);
        json.append(",\"n\":").append(count).append(",\"t\":");
        timestamp(startMs);
        json.append("}}");
        return json.toString();
    }

    /** Starts a record: the envelope up to and including the {@code payload} key. */
    private void envelope(
            String channel, String symbol, long seq, long eventTs, long ingestTs, boolean isFinal) {
        json.setLength(0);
        json.append("{\"ingestTs\":");
        timestamp(ingestTs);
        json.append(",\"eventTs\":");
        timestamp(eventTs);
        json.append(",\"feed\":\"sip\",\"channel\":\"").append(channel).append("\",\"symbol\":");
        string(symbol);
        json.append(",\"seq\":")
                .append(seq)
                .append(",\"isFinal\":")
                .append(isFinal)
                .append(",\"source\":\"ws\",\"version\":2,\"payload\":");
    }

    /** An ISO-8601 UTC timestamp with milliseconds, quoted. */
    private void timestamp(long epochMs) {
        json.append('"');
        if (TimestampText.fits(epochMs)) {
            TimestampText.write(epochMs, 'T', time);
            for (byte b : time) {
                json.append((char) b);
            }
            json.append('Z');
        } else {
            json.append(Instant.ofEpochMilli(epochMs));
        }
        json.append('"');
    }

    /** A double as Java writes it, a whole number without its {@code .0}. */
    private void number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            json.append((long) v);
        } else {
            json.append(v);
        }
    }

    /** A JSON string: quotes, backslashes and control characters escaped. */
    private void string(String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }
}
