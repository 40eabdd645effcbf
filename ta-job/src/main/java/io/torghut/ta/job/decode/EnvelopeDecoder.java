package io.torghut.ta.job.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import io.torghut.ta.job.model.InputRecord;
import io.torghut.ta.job.model.MinuteBarEvent;
import io.torghut.ta.job.model.QuoteEvent;
import io.torghut.ta.job.model.TradeEvent;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Decodes the JSON envelopes of the input topics with Jackson's streaming parser.
 *
 * <p>Envelope keys are camelCase ({@code eventTs, ingestTs, symbol, seq, payload, isFinal, window}
 * ...); unknown keys anywhere are skipped. Timestamps are ISO-8601 strings (or epoch milliseconds).
 * A record that cannot be decoded or fails validation is never thrown: it comes back with {@link
 * InputRecord#failure} set to a {@link DecodeFailure} and a detail naming the field and value.
 *
 * <p>Every timestamp the job computes with ({@code eventTs}, {@code ingestTs} and a bar's window
 * start) must lie in [{@link #MIN_TIMESTAMP_MS}, {@link #MAX_TIMESTAMP_MS}); a bar's window start
 * must also be within the configured skew and age of its own {@code eventTs}, and a bar's derived
 * notional must be finite. Otherwise the record is refused ({@link
 * DecodeFailure#TIMESTAMP_OUT_OF_RANGE}, {@link DecodeFailure#NON_FINITE}).
 */
public final class EnvelopeDecoder implements Serializable {
    /** The earliest accepted timestamp: 1970-01-01T00:00:00Z. */
    public static final long MIN_TIMESTAMP_MS = 0L;

    /**
     * The first refused timestamp: 2200-01-01T00:00:00Z. Far enough out for any real feed, and so
     * far below the 64-bit limit (about 292 million years) that window arithmetic ({@code
     * floorDiv(ts, w) * w + w}), differences of two timestamps and session-day computations on an
     * accepted record cannot overflow.
     */
    public static final long MAX_TIMESTAMP_MS = 7_258_118_400_000L;

    private static final long serialVersionUID = 1L;
    private static final int RAW_LIMIT = 2048;

    private final long maxFutureSkewMs;
    private final long maxEventAgeMs;
    private final int maxRecordBytes;
    private transient JsonFactory factory;

    /** Slots of the symbol cache: more than the symbols of any one feed's partitions. */
    private static final int SYMBOL_SLOTS = 4096;

    /** Longer values are not kept: no valid symbol is longer, so they will be refused anyway. */
    private static final int MAX_CACHED_SYMBOL = 32;

    /**
     * Symbols seen, direct-mapped by hash ({@link #symbol}); shared racily if a decoder is shared:
     * its entries are immutable strings.
     */
    private transient String[] symbols;

    /** The previous record's key order per input shape and level: envelope, then payload. */
    private transient KeyOrder[] keyOrders;

    /**
     * Creates a decoder.
     *
     * @param maxFutureSkewMs eventTs may be at most this far after ingestTs
     * @param maxEventAgeMs eventTs may be at most this far before ingestTs
     * @param maxRecordBytes larger values are refused as oversized
     */
    public EnvelopeDecoder(long maxFutureSkewMs, long maxEventAgeMs, int maxRecordBytes) {
        this.maxFutureSkewMs = maxFutureSkewMs;
        this.maxEventAgeMs = maxEventAgeMs;
        this.maxRecordBytes = maxRecordBytes;
    }

    private JsonFactory factory() {
        if (factory == null) {
            factory =
                    JsonFactory.builder()
                            .streamReadConstraints(
                                    StreamReadConstraints.builder()
                                            .maxNestingDepth(32)
                                            .maxStringLength(maxRecordBytes)
                                            .build())
                            // FastDoubleParser: correctly rounded like Double.parseDouble (the
                            // decoder tests pin prices bit for bit), at a fraction of the cost.
                            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                            .build();
        }
        return factory;
    }

    /**
     * The keys of one object level in the order the previous record of the same shape had them. A
     * feed writes its keys in one order, so the next record's key is first compared, as raw bytes,
     * with the key at the same position ({@link JsonParser#nextFieldName(SerializableString)}),
     * which skips decoding and hashing the name; a key in another position is read as usual and
     * becomes the new guess. The order is only a guess: any order decodes the same. Shared racily
     * if a decoder is shared: a stale guess only costs the slow path.
     */
    private static final class KeyOrder {
        private static final int MAX_KEYS = 32;
        private final SerializableString[] keys = new SerializableString[MAX_KEYS];

        /** The object's {@code k}-th key, or null at its end. */
        String next(JsonParser p, int k) throws IOException {
            SerializableString guess = k < MAX_KEYS ? keys[k] : null;
            if (guess == null) {
                if (p.nextToken() != JsonToken.FIELD_NAME) {
                    return null;
                }
            } else if (p.nextFieldName(guess)) {
                return guess.getValue();
            } else if (p.currentToken() != JsonToken.FIELD_NAME) {
                return null;
            }
            String name = p.currentName();
            if (k < MAX_KEYS) {
                keys[k] = new SerializedString(name);
            }
            return name;
        }
    }

    /** The key order of {@code shape}'s envelope, or of its payload. */
    private KeyOrder keyOrder(Shape shape, boolean payload) {
        if (keyOrders == null) {
            keyOrders = new KeyOrder[2 * Shape.values().length];
            for (int i = 0; i < keyOrders.length; i++) {
                keyOrders[i] = new KeyOrder();
            }
        }
        return keyOrders[2 * shape.ordinal() + (payload ? 1 : 0)];
    }

    /** Thrown internally to stop decoding with a reason. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        final DecodeFailure reason;

        Refusal(DecodeFailure reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }

    /**
     * The envelope fields and the payload numbers of any input kind, unboxed: a trade has five
     * numbers, and boxing each was a tenth of what decoding allocated. A number that is absent (or
     * JSON {@code null}) is {@link #ABSENT}: JSON has no NaN, and a quoted "NaN" is refused before
     * it is stored. An integer's presence is its own flag, since every long is a value.
     */
    private static final class Fields {
        String symbol;
        long eventTs;
        long ingestTs;
        long seq;
        long windowStart;
        long n;
        long t;
        boolean hasEventTs;
        boolean hasIngestTs;
        boolean hasSeq;
        boolean hasWindowStart;
        boolean hasN;
        boolean hasT;
        Boolean isFinal;
        boolean payloadSeen;
        double p = ABSENT, s = ABSENT, bp = ABSENT, bs = ABSENT, ap = ABSENT, as = ABSENT;
        double o = ABSENT, h = ABSENT, l = ABSENT, c = ABSENT, v = ABSENT, vw = ABSENT;
    }

    /** A payload number that was not sent, or sent as {@code null}. */
    private static final double ABSENT = Double.NaN;

    /** Decodes a trade envelope. */
    public TradeEvent decodeTrade(byte[] value, String origin) {
        TradeEvent e = new TradeEvent();
        try {
            Fields f = parse(value, Shape.TRADE);
            envelope(f, e);
            e.price = price("payload.p", f.p);
            e.size = size("payload.s", f.s);
        } catch (Refusal r) {
            refuse(e, r, value);
        }
        e.origin = origin;
        return e;
    }

    /** Decodes a quote envelope. */
    public QuoteEvent decodeQuote(byte[] value, String origin) {
        QuoteEvent e = new QuoteEvent();
        try {
            Fields f = parse(value, Shape.QUOTE);
            envelope(f, e);
            e.bidPrice = price("payload.bp", f.bp);
            e.bidSize = size("payload.bs", f.bs);
            e.askPrice = price("payload.ap", f.ap);
            e.askSize = size("payload.as", f.as);
        } catch (Refusal r) {
            refuse(e, r, value);
        }
        e.origin = origin;
        return e;
    }

    /** Decodes a 1 min bar envelope in either payload shape. */
    public MinuteBarEvent decodeMinuteBar(byte[] value, String origin) {
        MinuteBarEvent e = new MinuteBarEvent();
        try {
            Fields f = parse(value, Shape.BAR);
            envelope(f, e);
            e.open = price("payload.o", f.o);
            e.high = price("payload.h", f.h);
            e.low = price("payload.l", f.l);
            e.close = price("payload.c", f.c);
            e.volume = size("payload.v", f.v);
            if (e.high < e.low
                    || e.high < Math.max(e.open, e.close)
                    || e.low > Math.min(e.open, e.close)) {
                throw new Refusal(
                        DecodeFailure.INCONSISTENT_BAR,
                        "payload o/h/l/c = "
                                + e.open
                                + "/"
                                + e.high
                                + "/"
                                + e.low
                                + "/"
                                + e.close
                                + ": high and low must bracket open and close");
            }
            boolean hasVwap = !Double.isNaN(f.vw);
            double vwap = hasVwap ? price("payload.vw", f.vw) : (e.high + e.low + e.close) / 3;
            e.notional = vwap * e.volume;
            if (!Double.isFinite(e.notional)) {
                // Each number is finite, but near Double.MAX_VALUE the typical price or the
                // product overflows (to NaN when v is 0), which would poison the 1 min lane's VWAP.
                throw new Refusal(
                        DecodeFailure.NON_FINITE,
                        "payload notional = "
                                + (hasVwap ? "vw" : "(h + l + c) / 3")
                                + " * v = "
                                + e.notional
                                + ": must be finite");
            }
            e.count = f.hasN ? Math.max(0, f.n) : 0;
            e.windowStart = Math.floorDiv(windowStart(f, e.eventTs), 60_000L) * 60_000L;
            e.isFinal = f.isFinal == null || f.isFinal;
        } catch (Refusal r) {
            refuse(e, r, value);
        }
        e.origin = origin;
        return e;
    }

    private void refuse(InputRecord e, Refusal r, byte[] value) {
        e.failure = r.reason.name();
        e.failureDetail = r.getMessage();
        if (value != null) {
            int n = Math.min(value.length, RAW_LIMIT);
            e.raw = new String(value, 0, n, StandardCharsets.UTF_8);
        }
    }

    private void envelope(Fields f, InputRecord e) throws Refusal {
        if (f.symbol == null) {
            throw new Refusal(DecodeFailure.MISSING_FIELD, "symbol is missing");
        }
        if (!validSymbol(f.symbol)) {
            throw new Refusal(
                    DecodeFailure.INVALID_SYMBOL,
                    "symbol '"
                            + abbreviate(f.symbol)
                            + "' must be 1-32 characters of [A-Za-z0-9./_:-]");
        }
        e.symbol = f.symbol;
        if (!f.hasEventTs) {
            throw new Refusal(DecodeFailure.MISSING_FIELD, "eventTs is missing");
        }
        if (!f.hasIngestTs) {
            throw new Refusal(DecodeFailure.MISSING_FIELD, "ingestTs is missing");
        }
        if (!f.hasSeq) {
            throw new Refusal(DecodeFailure.MISSING_FIELD, "seq is missing");
        }
        if (!f.payloadSeen) {
            throw new Refusal(DecodeFailure.MISSING_FIELD, "payload is missing");
        }
        plausible("eventTs", f.eventTs);
        plausible("ingestTs", f.ingestTs);
        // Both are within the plausible range, so the difference cannot overflow.
        long skew = f.eventTs - f.ingestTs;
        if (skew > maxFutureSkewMs || -skew > maxEventAgeMs) {
            throw new Refusal(
                    DecodeFailure.TIMESTAMP_OUT_OF_RANGE,
                    "eventTs "
                            + Instant.ofEpochMilli(f.eventTs)
                            + " is "
                            + skew
                            + " ms from ingestTs; allowed: -"
                            + maxEventAgeMs
                            + " to +"
                            + maxFutureSkewMs
                            + " ms");
        }
        e.eventTs = f.eventTs;
        e.ingestTs = f.ingestTs;
        e.seq = f.seq;
    }

    /** Refuses a timestamp outside [MIN_TIMESTAMP_MS, MAX_TIMESTAMP_MS). */
    private static void plausible(String field, long ms) throws Refusal {
        if (ms < MIN_TIMESTAMP_MS || ms >= MAX_TIMESTAMP_MS) {
            throw new Refusal(
                    DecodeFailure.TIMESTAMP_OUT_OF_RANGE,
                    field
                            + " = "
                            + ms
                            + " ms; allowed: "
                            + Instant.ofEpochMilli(MIN_TIMESTAMP_MS)
                            + " (inclusive) to "
                            + Instant.ofEpochMilli(MAX_TIMESTAMP_MS)
                            + " (exclusive)");
        }
    }

    /**
     * A bar's start as sent ({@code payload.t}, else {@code window.start}, else eventTs), checked
     * like eventTs: in the plausible range, and at most the configured skew after or age before the
     * envelope's eventTs. A bar far from its envelope's time (a 1970 bar in a 2026 envelope) would
     * be timed by the watermark of a different era: fired at once as late, or held in state until a
     * watermark that may never come.
     */
    private long windowStart(Fields f, long eventTs) throws Refusal {
        String field = f.hasT ? "payload.t" : f.hasWindowStart ? "window.start" : null;
        if (field == null) {
            return eventTs;
        }
        long start = f.hasT ? f.t : f.windowStart;
        plausible(field, start);
        long offset = start - eventTs;
        if (offset > maxFutureSkewMs || -offset > maxEventAgeMs) {
            throw new Refusal(
                    DecodeFailure.TIMESTAMP_OUT_OF_RANGE,
                    field
                            + " "
                            + Instant.ofEpochMilli(start)
                            + " is "
                            + offset
                            + " ms from eventTs; allowed: -"
                            + maxEventAgeMs
                            + " to +"
                            + maxFutureSkewMs
                            + " ms");
        }
        return start;
    }

    private static boolean validSymbol(String s) {
        int n = s.length();
        if (n == 0 || n > 32) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char ch = s.charAt(i);
            boolean ok =
                    (ch >= 'A' && ch <= 'Z')
                            || (ch >= 'a' && ch <= 'z')
                            || (ch >= '0' && ch <= '9')
                            || ch == '.'
                            || ch == '/'
                            || ch == '_'
                            || ch == ':'
                            || ch == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    private static double price(String field, double v) throws Refusal {
        if (Double.isNaN(v)) {
            throw new Refusal(DecodeFailure.MISSING_FIELD, field + " is missing");
        }
        if (!Double.isFinite(v)) {
            throw new Refusal(DecodeFailure.NON_FINITE, field + " = " + v + ": must be finite");
        }
        if (v <= 0) {
            throw new Refusal(
                    DecodeFailure.NON_POSITIVE_PRICE, field + " = " + v + ": must be > 0");
        }
        return v;
    }

    private static double size(String field, double v) throws Refusal {
        if (Double.isNaN(v)) {
            throw new Refusal(DecodeFailure.MISSING_FIELD, field + " is missing");
        }
        if (!Double.isFinite(v)) {
            throw new Refusal(DecodeFailure.NON_FINITE, field + " = " + v + ": must be finite");
        }
        if (v < 0) {
            throw new Refusal(DecodeFailure.NEGATIVE_SIZE, field + " = " + v + ": must be >= 0");
        }
        return v;
    }

    /** Which payload keys mean something: the same letter means different things per input. */
    private enum Shape {
        TRADE,
        QUOTE,
        BAR
    }

    private Fields parse(byte[] value, Shape shape) throws Refusal {
        if (value == null || value.length == 0) {
            throw new Refusal(DecodeFailure.EMPTY, "the record value is empty");
        }
        if (value.length > maxRecordBytes) {
            throw new Refusal(
                    DecodeFailure.OVERSIZED,
                    "the record is " + value.length + " bytes; allowed: <= " + maxRecordBytes);
        }
        Fields f = new Fields();
        try (JsonParser p = factory().createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new Refusal(DecodeFailure.NOT_AN_OBJECT, "the value must be a JSON object");
            }
            KeyOrder keys = keyOrder(shape, false);
            String name;
            for (int k = 0; (name = keys.next(p, k)) != null; k++) {
                JsonToken t = p.nextToken();
                switch (name) {
                    case "symbol":
                        f.symbol = symbol(p, t);
                        break;
                    case "eventTs":
                        f.hasEventTs = t != JsonToken.VALUE_NULL;
                        if (f.hasEventTs) {
                            f.eventTs = timestamp(p, t, "eventTs");
                        }
                        break;
                    case "ingestTs":
                        f.hasIngestTs = t != JsonToken.VALUE_NULL;
                        if (f.hasIngestTs) {
                            f.ingestTs = timestamp(p, t, "ingestTs");
                        }
                        break;
                    case "seq":
                        f.hasSeq = t != JsonToken.VALUE_NULL;
                        if (f.hasSeq) {
                            f.seq = integer(p, t, "seq");
                        }
                        break;
                    case "isFinal":
                        f.isFinal = bool(p, t, "isFinal");
                        break;
                    case "window":
                        window(p, t, f);
                        break;
                    case "payload":
                        payload(p, t, f, shape, keyOrder(shape, true));
                        break;
                    default:
                        p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new Refusal(DecodeFailure.INVALID_JSON, "trailing content after the object");
            }
        } catch (JsonParseException e) {
            throw new Refusal(DecodeFailure.INVALID_JSON, "not valid JSON: " + firstLine(e));
        } catch (IOException e) {
            throw new Refusal(DecodeFailure.INVALID_JSON, "not valid JSON: " + firstLine(e));
        } catch (RuntimeException e) {
            // Jackson's stream constraints (nesting, lengths) throw unchecked exceptions.
            throw new Refusal(DecodeFailure.INVALID_JSON, "not valid JSON: " + firstLine(e));
        }
        return f;
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static void window(JsonParser p, JsonToken t, Fields f) throws IOException, Refusal {
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        if (t != JsonToken.START_OBJECT) {
            throw new Refusal(DecodeFailure.WRONG_TYPE, "window must be an object");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (name.equals("start")) {
                f.hasWindowStart = v != JsonToken.VALUE_NULL;
                if (f.hasWindowStart) {
                    f.windowStart = timestamp(p, v, "window.start");
                }
            } else {
                p.skipChildren();
            }
        }
    }

    private static void payload(JsonParser p, JsonToken t, Fields f, Shape shape, KeyOrder keys)
            throws IOException, Refusal {
        if (t != JsonToken.START_OBJECT) {
            throw new Refusal(
                    t == JsonToken.VALUE_NULL
                            ? DecodeFailure.MISSING_FIELD
                            : DecodeFailure.NOT_AN_OBJECT,
                    "payload must be a JSON object");
        }
        f.payloadSeen = true;
        String name;
        for (int k = 0; (name = keys.next(p, k)) != null; k++) {
            JsonToken v = p.nextToken();
            // Only a bar's payload.t means something (its start); in a trade or a quote it is
            // skipped like any unknown key, which saves a third of a trade's timestamp parsing.
            if (shape == Shape.BAR && name.equals("t")) {
                f.hasT = v != JsonToken.VALUE_NULL;
                if (f.hasT) {
                    f.t = timestamp(p, v, "payload.t");
                }
                continue;
            }
            switch (shape) {
                case TRADE:
                    tradeField(p, v, name, f);
                    break;
                case QUOTE:
                    quoteField(p, v, name, f);
                    break;
                default:
                    barField(p, v, name, f);
            }
        }
    }

    private static void tradeField(JsonParser p, JsonToken v, String name, Fields f)
            throws IOException, Refusal {
        switch (name) {
            case "p":
                f.p = number(p, v, "payload.p");
                break;
            case "s":
                f.s = number(p, v, "payload.s");
                break;
            default:
                p.skipChildren();
        }
    }

    private static void quoteField(JsonParser p, JsonToken v, String name, Fields f)
            throws IOException, Refusal {
        switch (name) {
            case "bp":
                f.bp = number(p, v, "payload.bp");
                break;
            case "bs":
                f.bs = number(p, v, "payload.bs");
                break;
            case "ap":
                f.ap = number(p, v, "payload.ap");
                break;
            case "as":
                f.as = number(p, v, "payload.as");
                break;
            default:
                p.skipChildren();
        }
    }

    private static void barField(JsonParser p, JsonToken v, String name, Fields f)
            throws IOException, Refusal {
        switch (name) {
            case "o":
                f.o = number(p, v, "payload.o");
                break;
            case "h":
                f.h = number(p, v, "payload.h");
                break;
            case "l":
                f.l = number(p, v, "payload.l");
                break;
            case "c":
                f.c = number(p, v, "payload.c");
                break;
            case "v":
                f.v = number(p, v, "payload.v");
                break;
            case "vw":
            case "vwap":
                f.vw = v == JsonToken.VALUE_NULL ? ABSENT : number(p, v, "payload." + name);
                break;
            case "n":
            case "count":
                f.hasN = v != JsonToken.VALUE_NULL;
                if (f.hasN) {
                    f.n = integer(p, v, "payload." + name);
                }
                break;
            default:
                p.skipChildren();
        }
    }

    /**
     * The symbol, as the one {@code String} this decoder keeps for it when it has seen it before:
     * compared in place with the parser's characters, so a repeated symbol (nearly every record)
     * makes no copy, and its hash, which the keyed exchange right after the source needs, is
     * already computed. A collision only replaces the entry; the value is equal either way.
     */
    private String symbol(JsonParser p, JsonToken t) throws IOException, Refusal {
        if (t != JsonToken.VALUE_STRING) {
            return string(p, t, "symbol");
        }
        char[] chars = p.getTextCharacters();
        int offset = p.getTextOffset();
        int length = p.getTextLength();
        int hash = 0;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + chars[offset + i];
        }
        String[] cache = symbols;
        if (cache == null) {
            cache = new String[SYMBOL_SLOTS];
            symbols = cache;
        }
        int slot = (hash ^ (hash >>> 16)) & (SYMBOL_SLOTS - 1);
        String known = cache[slot];
        if (known != null && sameChars(known, chars, offset, length)) {
            return known;
        }
        String s = new String(chars, offset, length);
        if (length <= MAX_CACHED_SYMBOL) {
            cache[slot] = s;
        }
        return s;
    }

    private static boolean sameChars(String s, char[] chars, int offset, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }

    private static String string(JsonParser p, JsonToken t, String field)
            throws IOException, Refusal {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw new Refusal(DecodeFailure.WRONG_TYPE, field + " must be a string, got " + t);
        }
        return p.getText();
    }

    /** A number, or {@link #ABSENT} for {@code null}. */
    private static double number(JsonParser p, JsonToken t, String field)
            throws IOException, Refusal {
        if (t == JsonToken.VALUE_NULL) {
            return ABSENT;
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
            return p.getDoubleValue();
        }
        if (t == JsonToken.VALUE_STRING) {
            // Some producers quote numbers, and JSON has no NaN/Infinity: those arrive as strings.
            String s = p.getText().trim();
            try {
                double d = Double.parseDouble(s);
                if (!Double.isFinite(d)) {
                    throw new Refusal(
                            DecodeFailure.NON_FINITE, field + " = " + s + ": must be finite");
                }
                return d;
            } catch (NumberFormatException e) {
                throw new Refusal(
                        DecodeFailure.WRONG_TYPE,
                        field + " must be a number, got '" + abbreviate(s) + "'");
            }
        }
        throw new Refusal(DecodeFailure.WRONG_TYPE, field + " must be a number, got " + t);
    }

    /** An integer; the caller has handled {@code null}. */
    private static long integer(JsonParser p, JsonToken t, String field)
            throws IOException, Refusal {
        if (t == JsonToken.VALUE_NUMBER_INT) {
            try {
                return p.getLongValue();
            } catch (IOException | RuntimeException e) {
                throw new Refusal(DecodeFailure.WRONG_TYPE, field + " is out of the 64-bit range");
            }
        }
        throw new Refusal(DecodeFailure.WRONG_TYPE, field + " must be an integer, got " + t);
    }

    private static Boolean bool(JsonParser p, JsonToken t, String field) throws Refusal {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            return t == JsonToken.VALUE_TRUE;
        }
        throw new Refusal(DecodeFailure.WRONG_TYPE, field + " must be a boolean, got " + t);
    }

    /** A timestamp in epoch milliseconds; the caller has handled {@code null}. */
    private static long timestamp(JsonParser p, JsonToken t, String field)
            throws IOException, Refusal {
        if (t == JsonToken.VALUE_NUMBER_INT) {
            try {
                return p.getLongValue();
            } catch (IOException | RuntimeException e) {
                // Valid JSON, but no 64-bit epoch-millisecond value: a bad timestamp, not bad JSON.
                throw new Refusal(
                        DecodeFailure.INVALID_TIMESTAMP,
                        field + " is out of the 64-bit epoch-millisecond range");
            }
        }
        if (t != JsonToken.VALUE_STRING) {
            throw new Refusal(
                    DecodeFailure.WRONG_TYPE, field + " must be an ISO-8601 string, got " + t);
        }
        // In place, without a String: three timestamps per record.
        long ms =
                IsoTimestamps.parseMillis(
                        p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        if (ms == IsoTimestamps.INVALID) {
            String s = p.getText();
            throw new Refusal(
                    DecodeFailure.INVALID_TIMESTAMP,
                    field
                            + " = '"
                            + abbreviate(s)
                            + "': must be ISO-8601 like 2026-03-03T14:30:00.123Z");
        }
        return ms;
    }
}
