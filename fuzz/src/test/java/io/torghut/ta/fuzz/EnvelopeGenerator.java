package io.torghut.ta.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import io.torghut.ta.job.decode.DecodeFailure;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Builds near-valid JSON envelopes of one input kind from fuzzer data, so that the fuzzer reaches
 * the decoder's deep paths (field validation, timestamp forms, bar consistency) instead of stopping
 * at "invalid JSON".
 *
 * <p>Every field is drawn from its valid domain unless the fuzzer chooses to corrupt it (wrong
 * type, out of range, NaN, absent, ...), and the whole document may be corrupted at the end
 * (truncated, trailing content, other encodings). Valid variations that must not change the result
 * are applied freely: key order, unknown keys with nested values at both levels, JSON escapes in
 * the symbol, numbers as strings, ISO timestamps with offsets and sub-millisecond digits,
 * epoch-millisecond timestamps, whitespace. When nothing was corrupted, {@link Envelope#expected}
 * holds what the decoder must return.
 *
 * <p>A bar's fields may each be valid and the bar still refused: its notional can overflow (prices
 * and sizes reach {@code Double.MAX_VALUE}), and its start is drawn a little beyond the skew and
 * age the decoder allows around eventTs. {@link Expected#refusal} then names the reason.
 */
final class EnvelopeGenerator {
    /** The three input topics' payload shapes. */
    enum Kind {
        TRADE,
        QUOTE,
        BAR
    }

    /**
     * The values a clean envelope must decode to.
     *
     * @param payload the kind's payload numbers in the order of {@link #payloadKeys}
     * @param windowStart for bars: the minute the bar starts
     * @param notional for bars: {@code vw * v}, or {@code (h + l + c) / 3 * v} without vw
     * @param count for bars: {@code max(0, n)}, 0 when absent
     * @param isFinal for bars: {@code isFinal}, true when absent
     * @param refusal null when the envelope must decode, else why a clean bar must be refused (a
     *     non-finite notional, or a start too far from eventTs)
     */
    record Expected(
            String symbol,
            long eventTs,
            long ingestTs,
            long seq,
            double[] payload,
            long windowStart,
            double notional,
            long count,
            boolean isFinal,
            DecodeFailure refusal) {}

    /**
     * A generated envelope.
     *
     * @param expected what decoding must give, or null when some part was corrupted
     */
    record Envelope(Kind kind, byte[] bytes, Expected expected) {}

    private static final long YEAR_2000_MS = 946_684_800_000L;
    private static final long YEAR_2100_MS = 4_102_444_800_000L;
    private static final char[] SYMBOL_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789./_:-".toCharArray();
    private static final Set<String> ENVELOPE_KEYS =
            Set.of("symbol", "eventTs", "ingestTs", "seq", "isFinal", "window", "payload");
    private static final String[] UNKNOWN_KEYS = {
        "feed", "channel", "source", "version", "accountLabel", "x", "i", "z", "Symbol", "EVENTTS"
    };
    private static final DateTimeFormatter OFFSET_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");
    private static final double[] NOTABLE_PRICES = {
        Double.MIN_VALUE,
        Double.MIN_NORMAL,
        1e-300,
        0.0001,
        0.01,
        1,
        100.01,
        1e12,
        1e300,
        Double.MAX_VALUE
    };
    private static final double[] NOTABLE_SIZES = {0.0, -0.0, Double.MIN_VALUE, 1, 1e300};
    private static final String[] BAD_NUMBERS = {
        "\"NaN\"",
        "\"Infinity\"",
        "\"-Infinity\"",
        "1e999",
        "-1e999",
        "-1",
        "\"abc\"",
        "true",
        "[]",
        "{}",
        "null",
        "\"\"",
        "\"0x10\"",
        "\"1_000\"",
        "1.5e",
        "01",
        "-",
        "\"1e999\"",
        "\" -5 \"",
        "99999999999999999999999999999999999999e9999999999"
    };
    private static final String[] BAD_TIMESTAMPS = {
        "\"2026-02-30T00:00:00Z\"",
        "\"soon\"",
        "\"2026-03-03T24:00:00Z\"",
        "\"2026-03-03T14:30:01.Z\"",
        "\"2026-03-03T14:30:01.1234567890Z\"",
        "1.5e12",
        "true",
        "{}",
        "[]",
        "\"\"",
        "-9223372036854775808",
        "9223372036854775807",
        "99999999999999999999",
        "\"+999999999-12-31T23:59:59Z\"",
        "\"-999999999-01-01T00:00:00Z\"",
        "\"2026-03-03T14:30:01+25:00\"",
        "\"2026-03-03 14:30:01Z\"",
        "\"2026-03-03T14:30:01\"",
        "0",
        "-1"
    };

    private final FuzzedDataProvider data;
    private boolean clean = true;
    private final String colon;
    private final String comma;

    private EnvelopeGenerator(FuzzedDataProvider data) {
        this.data = data;
        boolean spaced = data.consumeBoolean();
        this.colon = spaced ? " : " : ":";
        this.comma = spaced ? ",\n  " : ",";
    }

    /** Builds one envelope of a fuzzer-chosen kind. */
    static Envelope generate(FuzzedDataProvider data) {
        return new EnvelopeGenerator(data).envelope(data.pickValue(Kind.values()));
    }

    /** The payload keys whose numbers {@link Expected#payload} holds, per kind. */
    static String[] payloadKeys(Kind kind) {
        switch (kind) {
            case TRADE:
                return new String[] {"p", "s"};
            case QUOTE:
                return new String[] {"bp", "bs", "ap", "as"};
            default:
                return new String[] {"o", "h", "l", "c", "v"};
        }
    }

    /** Whether the fuzzer chooses to corrupt the next field; exhausted data means no. */
    private boolean corrupt() {
        boolean c = data.consumeInt(0, 31) == 31;
        if (c) {
            clean = false;
        }
        return c;
    }

    private Envelope envelope(Kind kind) {
        List<String> fields = new ArrayList<>();
        String symbol = symbol(fields);
        long ingestTs = data.consumeLong(YEAR_2000_MS, YEAR_2100_MS);
        long eventTs =
                ingestTs
                        + data.consumeLong(
                                -DecoderContract.MAX_EVENT_AGE_MS,
                                DecoderContract.MAX_FUTURE_SKEW_MS);
        timestampField(fields, "eventTs", eventTs);
        timestampField(fields, "ingestTs", ingestTs);
        long seq = data.consumeLong();
        if (corrupt()) {
            optionalBad(fields, "seq", "\"1\"", "1.5", "1e3", "99999999999999999999", "null");
        } else {
            fields.add(field("seq", Long.toString(seq)));
        }
        Boolean isFinal = isFinal(fields);
        Long windowStart = window(fields, eventTs);
        Payload payload = payload(kind, eventTs);
        fields.add(field("payload", payload.json));
        unknownFields(fields, ENVELOPE_KEYS);
        shuffle(fields);
        String json = "{" + String.join(comma, fields) + "}";
        if (data.consumeBoolean()) {
            json = json + " \n\t"; // trailing whitespace is still one valid document
        }
        byte[] bytes = corruptDocument(json);
        if (!clean) {
            return new Envelope(kind, bytes, null);
        }
        long start = payload.t != null ? payload.t : windowStart != null ? windowStart : eventTs;
        double notional = 0;
        if (kind == Kind.BAR) {
            double[] v = payload.values;
            double vwap = payload.vwap != null ? payload.vwap : (v[1] + v[2] + v[3]) / 3;
            notional = vwap * v[4];
        }
        DecodeFailure refusal = null;
        if (!Double.isFinite(notional)) {
            refusal = DecodeFailure.NON_FINITE; // checked before the start, as the decoder does
        } else if (kind == Kind.BAR
                && (start - eventTs > DecoderContract.MAX_FUTURE_SKEW_MS
                        || eventTs - start > DecoderContract.MAX_EVENT_AGE_MS)) {
            refusal = DecodeFailure.TIMESTAMP_OUT_OF_RANGE;
        }
        Expected expected =
                new Expected(
                        symbol,
                        eventTs,
                        ingestTs,
                        seq,
                        payload.values,
                        Math.floorDiv(start, 60_000L) * 60_000L,
                        notional,
                        payload.count == null ? 0 : Math.max(0, payload.count),
                        isFinal == null || isFinal,
                        refusal);
        return new Envelope(kind, bytes, expected);
    }

    private String symbol(List<String> fields) {
        if (corrupt()) {
            switch (data.consumeInt(0, 3)) {
                case 0:
                    fields.add(field("symbol", jsonString(data.consumeString(40))));
                    break;
                case 1:
                    fields.add(field("symbol", jsonString("A".repeat(33))));
                    break;
                default:
                    optionalBad(fields, "symbol", "\"\"", "7", "null", "\"A B\"", "[\"A\"]");
            }
            return null;
        }
        int n = data.consumeInt(1, 32);
        StringBuilder value = new StringBuilder();
        StringBuilder json = new StringBuilder("\"");
        for (int i = 0; i < n; i++) {
            char ch = data.pickValue(SYMBOL_CHARS);
            value.append(ch);
            if (ch == '/' && data.consumeBoolean()) {
                json.append("\\/");
            } else if (data.consumeInt(0, 7) == 7) {
                json.append(String.format("\\u%04X", (int) ch));
            } else {
                json.append(ch);
            }
        }
        fields.add(field("symbol", json.append('"').toString()));
        return value.toString();
    }

    private void timestampField(List<String> fields, String key, long ms) {
        if (corrupt()) {
            if (data.consumeBoolean()) {
                fields.add(field(key, Long.toString(data.consumeLong())));
            } else {
                optionalBad(fields, key, BAD_TIMESTAMPS);
            }
        } else {
            fields.add(field(key, timestamp(ms)));
        }
    }

    /** A valid rendering of {@code ms}: epoch milliseconds, ISO with Z, or ISO with an offset. */
    private String timestamp(long ms) {
        Instant instant = Instant.ofEpochMilli(ms);
        switch (data.consumeInt(0, 2)) {
            case 0:
                return Long.toString(ms);
            case 1:
                {
                    // The fast path's form; digits beyond the millisecond are truncated.
                    String base = instant.toString();
                    String seconds = base.substring(0, 19);
                    int millis = (int) Math.floorMod(ms, 1000L);
                    int digits = data.consumeInt(millis == 0 ? 0 : 3, 9);
                    StringBuilder s = new StringBuilder(seconds);
                    if (digits > 0) {
                        s.append('.').append(String.format("%03d", millis));
                        for (int i = 3; i < digits; i++) {
                            s.append((char) ('0' + data.consumeInt(0, 9)));
                        }
                        s.setLength(20 + digits);
                    }
                    return "\"" + s.append('Z') + "\"";
                }
            default:
                {
                    int offsetMinutes = data.consumeInt(-18 * 60, 18 * 60);
                    ZoneOffset offset = ZoneOffset.ofTotalSeconds(offsetMinutes * 60);
                    return "\""
                            + OffsetDateTime.ofInstant(instant, offset).format(OFFSET_FORMAT)
                            + "\"";
                }
        }
    }

    private Boolean isFinal(List<String> fields) {
        if (corrupt()) {
            optionalBad(fields, "isFinal", "\"yes\"", "1", "{}");
            return null;
        }
        switch (data.consumeInt(0, 3)) {
            case 0:
                return null;
            case 1:
                fields.add(field("isFinal", "null"));
                return null;
            default:
                boolean v = data.consumeBoolean();
                fields.add(field("isFinal", Boolean.toString(v)));
                return v;
        }
    }

    /** The optional {@code window} object; returns its start when present. */
    private Long window(List<String> fields, long eventTs) {
        if (corrupt()) {
            optionalBad(
                    fields,
                    "window",
                    "[]",
                    "\"PT1M\"",
                    "{\"start\":\"bad\"}",
                    "{\"start\":" + data.consumeLong() + "}");
            return null;
        }
        switch (data.consumeInt(0, 3)) {
            case 0:
                return null;
            case 1:
                fields.add(field("window", "null"));
                return null;
            case 2:
                fields.add(field("window", "{\"size\":\"PT1M\",\"start\":null}"));
                return null;
            default:
                long start = barStart(eventTs);
                fields.add(
                        field(
                                "window",
                                "{\"size\":\"PT1M\",\"start\":"
                                        + timestamp(start)
                                        + ",\"end\":"
                                        + timestamp(start + 60_000)
                                        + "}"));
                return start;
        }
    }

    /** A payload object and the numbers it holds. */
    private static final class Payload {
        String json;
        double[] values;
        Double vwap;
        Long count;
        Long t;
    }

    private Payload payload(Kind kind, long eventTs) {
        Payload payload = new Payload();
        List<String> fields = new ArrayList<>();
        String[] keys = payloadKeys(kind);
        double[] values = new double[keys.length];
        if (kind == Kind.BAR) {
            // Sorted, low and high bracket open and close: a consistent bar.
            double[] sorted = {price(), price(), price(), price()};
            java.util.Arrays.sort(sorted);
            boolean openFirst = data.consumeBoolean();
            values[0] = openFirst ? sorted[1] : sorted[2];
            values[1] = sorted[3];
            values[2] = sorted[0];
            values[3] = openFirst ? sorted[2] : sorted[1];
            values[4] = size();
        } else {
            for (int i = 0; i < keys.length; i++) {
                values[i] = i % 2 == 0 ? price() : size();
            }
        }
        for (int i = 0; i < keys.length; i++) {
            if (corrupt()) {
                // Either a bad value or, for a bar, a valid number that breaks consistency.
                if (kind == Kind.BAR && data.consumeBoolean()) {
                    fields.add(field(keys[i], number(price())));
                } else {
                    optionalBad(fields, keys[i], BAD_NUMBERS);
                }
            } else {
                fields.add(field(keys[i], number(values[i])));
            }
        }
        if (kind == Kind.BAR) {
            barExtras(payload, fields, eventTs);
        } else if (data.consumeBoolean()) {
            fields.add(field("t", timestamp(eventTs))); // read, then unused for trades and quotes
        }
        Set<String> reserved = new java.util.HashSet<>(List.of(keys));
        Collections.addAll(reserved, "t", "vw", "vwap", "n", "count");
        unknownFields(fields, reserved);
        shuffle(fields);
        payload.json = "{" + String.join(comma, fields) + "}";
        payload.values = values;
        return payload;
    }

    private void barExtras(Payload payload, List<String> fields, long eventTs) {
        if (corrupt()) {
            optionalBad(fields, data.consumeBoolean() ? "vw" : "vwap", BAD_NUMBERS);
        } else if (data.consumeBoolean()) {
            payload.vwap = price();
            fields.add(field(data.consumeBoolean() ? "vw" : "vwap", number(payload.vwap)));
        }
        if (corrupt()) {
            optionalBad(fields, "n", "1.5", "\"3\"", "99999999999999999999", "true");
        } else if (data.consumeBoolean()) {
            payload.count = data.consumeLong();
            fields.add(field(data.consumeBoolean() ? "n" : "count", payload.count.toString()));
        }
        if (corrupt()) {
            if (data.consumeBoolean()) {
                fields.add(field("t", Long.toString(data.consumeLong())));
            } else {
                optionalBad(fields, "t", BAD_TIMESTAMPS);
            }
        } else if (data.consumeBoolean()) {
            payload.t = barStart(eventTs);
            fields.add(field("t", timestamp(payload.t)));
        }
    }

    /**
     * A bar start around eventTs: mostly within the decoder's -age..+skew, and up to an hour beyond
     * either end (refused). The minimum, which exhausted data gives, is beyond the age limit.
     */
    private long barStart(long eventTs) {
        return eventTs
                + data.consumeLong(
                        -DecoderContract.MAX_EVENT_AGE_MS - 3_600_000,
                        DecoderContract.MAX_FUTURE_SKEW_MS + 3_600_000);
    }

    /** A finite price > 0: cents, any finite positive double, or a notable extreme. */
    private double price() {
        switch (data.consumeInt(0, 2)) {
            case 0:
                return data.consumeLong(1, 1_000_000_000L) / 100.0;
            case 1:
                return data.consumeRegularDouble(Double.MIN_VALUE, Double.MAX_VALUE);
            default:
                return data.pickValue(NOTABLE_PRICES);
        }
    }

    /** A finite size >= 0, including 0 and -0.0 (which is not negative). */
    private double size() {
        switch (data.consumeInt(0, 2)) {
            case 0:
                return data.consumeLong(0, 1_000_000L);
            case 1:
                return data.consumeRegularDouble(0, Double.MAX_VALUE);
            default:
                return data.pickValue(NOTABLE_SIZES);
        }
    }

    /** A JSON rendering of a finite number that parses back to exactly {@code v}. */
    private String number(double v) {
        String shortest = Double.toString(v);
        switch (data.consumeInt(0, 3)) {
            case 0:
                return shortest;
            case 1:
                // BigDecimal has no negative zero: keep -0.0 as it is.
                return v == 0 ? shortest : new BigDecimal(shortest).toPlainString();
            case 2:
                // Some producers quote numbers; the decoder trims and parses them.
                return data.consumeBoolean() ? "\"" + shortest + "\"" : "\" " + shortest + " \"";
            default:
                return v == Math.rint(v) && Math.abs(v) < 1e15 && Double.compare(v, -0.0) != 0
                        ? Long.toString((long) v)
                        : shortest;
        }
    }

    /** Adds {@code key} with one of the bad values, or leaves the key out (also bad). */
    private void optionalBad(List<String> fields, String key, String... badValues) {
        int i = data.consumeInt(0, badValues.length);
        if (i < badValues.length) {
            fields.add(field(key, badValues[i]));
        }
    }

    /** Adds up to three keys the decoder must skip, with nested values. */
    private void unknownFields(List<String> fields, Set<String> reserved) {
        int n = data.consumeInt(0, 3);
        for (int i = 0; i < n; i++) {
            String key =
                    data.consumeBoolean() ? data.pickValue(UNKNOWN_KEYS) : data.consumeString(8);
            if (reserved.contains(key)) {
                continue; // a known key would change the meaning, not add noise
            }
            fields.add(field(jsonStringBody(key), junk(3)));
        }
    }

    /** Any JSON value, nested at most {@code depth} levels. */
    private String junk(int depth) {
        switch (data.consumeInt(0, depth > 0 ? 6 : 4)) {
            case 0:
                return "null";
            case 1:
                return Boolean.toString(data.consumeBoolean());
            case 2:
                return Double.toString(data.consumeRegularDouble());
            case 3:
            case 4:
                return jsonString(data.consumeString(16));
            case 5:
                {
                    int n = data.consumeInt(0, 3);
                    List<String> items = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        items.add(junk(depth - 1));
                    }
                    return "[" + String.join(",", items) + "]";
                }
            default:
                {
                    int n = data.consumeInt(0, 3);
                    List<String> items = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        items.add(jsonString(data.consumeString(6)) + ":" + junk(depth - 1));
                    }
                    return "{" + String.join(",", items) + "}";
                }
        }
    }

    /** Possibly breaks the finished document as a whole. */
    private byte[] corruptDocument(String json) {
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        if (!corrupt()) {
            return utf8;
        }
        switch (data.consumeInt(0, 7)) {
            case 0:
                return java.util.Arrays.copyOf(utf8, data.consumeInt(0, utf8.length));
            case 1:
                return (json + data.pickValue(new String[] {"x", "{}", "]", ",", "\u0000"}))
                        .getBytes(StandardCharsets.UTF_8);
            case 2:
                return ("[" + json + "]").getBytes(StandardCharsets.UTF_8);
            case 3:
                return json.getBytes(StandardCharsets.UTF_16);
            case 4:
                return ("\uFEFF" + json).getBytes(StandardCharsets.UTF_8);
            case 5:
                return ("{\"deep\":" + "[".repeat(40) + "]".repeat(40) + "," + json.substring(1))
                        .getBytes(StandardCharsets.UTF_8);
            case 6:
                {
                    if (utf8.length > 0) {
                        utf8[data.consumeInt(0, utf8.length - 1)] = data.consumeByte();
                    }
                    return utf8;
                }
            default:
                return json.replace("\"", "'").getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Fisher-Yates driven by the fuzzer: key order must not matter. */
    private void shuffle(List<String> fields) {
        for (int i = fields.size() - 1; i > 0; i--) {
            Collections.swap(fields, i, data.consumeInt(0, i));
        }
    }

    private String field(String key, String jsonValue) {
        return "\"" + key + "\"" + colon + jsonValue;
    }

    private static String jsonString(String s) {
        return "\"" + jsonStringBody(s) + "\"";
    }

    /** Escapes {@code s} for use inside a JSON string literal. */
    private static String jsonStringBody(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"' || ch == '\\') {
                b.append('\\').append(ch);
            } else if (ch < 0x20 || Character.isSurrogate(ch)) {
                b.append(String.format("\\u%04x", (int) ch));
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }
}
