package io.torghut.ta.job.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.job.model.MinuteBarEvent;
import io.torghut.ta.job.model.QuoteEvent;
import io.torghut.ta.job.model.TradeEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests for {@link EnvelopeDecoder}. */
class EnvelopeDecoderTest {
    final EnvelopeDecoder decoder = new EnvelopeDecoder(60_000, 8L * 86_400_000, 4096);

    static final String TRADE =
            "{\"ingestTs\":\"2026-03-03T14:30:01.250Z\",\"eventTs\":\"2026-03-03T14:30:01.123Z\","
                    + "\"feed\":\"sip\",\"channel\":\"trades\",\"symbol\":\"NVDA\",\"seq\":42,"
                    + "\"payload\":{\"i\":9,\"x\":\"V\",\"p\":123.45,\"s\":10.5,\"c\":[\"@\",\"I\"],"
                    + "\"t\":\"2026-03-03T14:30:01.123456789Z\",\"z\":{\"nested\":[1,2]}},"
                    + "\"isFinal\":true,\"source\":\"ws\",\"window\":null,\"version\":2,"
                    + "\"accountLabel\":\"paper\",\"somethingNew\":{\"a\":1}}";

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void tradeEnvelopeDecodesWithUnknownKeysIgnored() {
        TradeEvent t = decoder.decodeTrade(b(TRADE), "trades/0@7");
        assertThat(t.failure).isNull();
        assertThat(t.symbol).isEqualTo("NVDA");
        assertThat(t.eventTs).isEqualTo(Instant.parse("2026-03-03T14:30:01.123Z").toEpochMilli());
        assertThat(t.ingestTs).isEqualTo(Instant.parse("2026-03-03T14:30:01.250Z").toEpochMilli());
        assertThat(t.seq).isEqualTo(42);
        assertThat(t.price).isEqualTo(123.45);
        assertThat(t.size).isEqualTo(10.5);
        assertThat(t.origin).isEqualTo("trades/0@7");
    }

    @Test
    void aRepeatedSymbolIsOneStringAndEverySymbolDecodesAsSentThroughCollisions() {
        // 10,000 symbols in the 4,096 slots of the symbol cache: slots are shared, and each
        // decoded symbol must still be the one sent, twice over (kept, then replaced).
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 10_000; i++) {
                String symbol = "S" + i;
                TradeEvent t = decoder.decodeTrade(b(trade(symbol)), "t");
                assertThat(t.failure).isNull();
                assertThat(t.symbol).isEqualTo(symbol);
            }
        }
        TradeEvent first = decoder.decodeTrade(b(trade("NVDA")), "t");
        TradeEvent second = decoder.decodeTrade(b(trade("NVDA")), "t");
        assertThat(second.symbol).isSameAs(first.symbol);
        assertThat(decoder.decodeTrade(b(trade("NVDB")), "t").symbol).isEqualTo("NVDB");
        TradeEvent tooLong = decoder.decodeTrade(b(trade("X".repeat(33))), "t");
        assertThat(tooLong.failure).isEqualTo(DecodeFailure.INVALID_SYMBOL.name());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"eventTs", "ingestTs", "seq"})
    void aLaterNullForTheSameKeyLeavesTheFieldMissing(String key) {
        // Jackson keeps the last of two equal keys; so does the decoder, null included.
        String trade = trade("NVDA");
        String json = trade.substring(0, trade.length() - 1) + ",\"" + key + "\":null}";
        TradeEvent t = decoder.decodeTrade(b(json), "t");
        assertThat(t.failure).isEqualTo(DecodeFailure.MISSING_FIELD.name());
        assertThat(t.failureDetail).isEqualTo(key + " is missing");
    }

    private static String trade(String symbol) {
        return "{\"eventTs\":1772548201123,\"ingestTs\":1772548201250,\"symbol\":\""
                + symbol
                + "\",\"seq\":1,\"payload\":{\"p\":1.5,\"s\":2}}";
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "\"t\":\"not a time\"",
                "\"t\":-9223372036854775808",
                "\"t\":{\"nested\":[1,2]}",
                "\"t\":null"
            })
    void aTradesOrQuotesPayloadTIsSkippedLikeAnUnknownKey(String t) {
        // Only a bar's payload.t is its start; a trade's and a quote's is never read, whatever
        // it holds, and each decodes exactly as without it.
        String trade =
                "{\"eventTs\":1772548201123,\"ingestTs\":1772548201250,\"symbol\":\"NVDA\","
                        + "\"seq\":1,\"payload\":{\"p\":1.5,\"s\":2,";
        TradeEvent with = decoder.decodeTrade(b(trade + t + "}}"), "t");
        TradeEvent without = decoder.decodeTrade(b(trade + "\"x\":0}}"), "t");
        assertThat(with.failure).isNull();
        assertThat(with.price).isEqualTo(without.price);
        assertThat(with.size).isEqualTo(without.size);
        assertThat(with.eventTs).isEqualTo(without.eventTs);
        String quote =
                "{\"eventTs\":1772548201123,\"ingestTs\":1772548201250,\"symbol\":\"NVDA\","
                        + "\"seq\":1,\"payload\":{\"bp\":1.5,\"bs\":2,\"ap\":1.6,\"as\":3,";
        QuoteEvent q = decoder.decodeQuote(b(quote + t + "}}"), "q");
        assertThat(q.failure).isNull();
        assertThat(q.askPrice).isEqualTo(1.6);
        if (!t.endsWith("null")) {
            MinuteBarEvent bar =
                    decoder.decodeMinuteBar(
                            b(bar("\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1," + t)), "b");
            assertThat(bar.failure).as("a bar's payload.t is still read and checked").isNotNull();
        }
    }

    /**
     * The decoder tries each key against the key at the same position in the previous record of the
     * same shape: the guess must never change a result. Records in shuffled key orders (kept for a
     * few records, then changed), with keys missing, repeated as null, and values that differ per
     * record, decode as a fresh decoder (which has no guess) decodes them.
     */
    @Test
    void theKeyOrderOfThePreviousRecordNeverChangesTheResult() {
        SplittableRandom r = new SplittableRandom(11);
        List<String> envelope = new ArrayList<>();
        List<String> payload = new ArrayList<>();
        int hits = 0;
        for (int n = 0; n < 3_000; n++) {
            long ms = 1_772_548_201_000L + n;
            List<String> e =
                    new ArrayList<>(
                            List.of(
                                    "\"ingestTs\":\"" + Instant.ofEpochMilli(ms + 5) + "\"",
                                    "\"eventTs\":\"" + Instant.ofEpochMilli(ms) + "\"",
                                    "\"feed\":\"sip\"",
                                    "\"symbol\":\"S" + (n % 7) + "\"",
                                    "\"seq\":" + n,
                                    "\"isFinal\":true",
                                    "\"version\":2",
                                    "\"payload\":"));
            List<String> p =
                    new ArrayList<>(
                            List.of(
                                    "\"i\":" + (n * 7),
                                    "\"p\":" + (100 + n % 13 * 0.25),
                                    "\"s\":" + (1 + n % 5),
                                    "\"x\":\"V\"",
                                    "\"c\":[\"@\"]"));
            if (n == 0 || r.nextInt(4) == 0) {
                envelope = shuffled(e, r);
                payload = shuffled(p, r);
            } else {
                hits++;
            }
            String json = json(order(e, envelope), order(p, payload), r);
            TradeEvent learned = decoder.decodeTrade(b(json), "o");
            TradeEvent fresh =
                    new EnvelopeDecoder(60_000, 8L * 86_400_000, 4096).decodeTrade(b(json), "o");
            assertThat(learned).as(json).usingRecursiveComparison().isEqualTo(fresh);
        }
        assertThat(hits).isGreaterThan(1_000);
    }

    /** A random order of the keys of {@code keyValues}. */
    private static List<String> shuffled(List<String> keyValues, SplittableRandom r) {
        List<String> keys = new ArrayList<>();
        for (String kv : keyValues) {
            keys.add(kv.substring(0, kv.indexOf(':')));
        }
        for (int i = keys.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            keys.set(i, keys.set(j, keys.get(i)));
        }
        return keys;
    }

    /** {@code keyValues} in the order of {@code keys}. */
    private static List<String> order(List<String> keyValues, List<String> keys) {
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            for (String kv : keyValues) {
                if (kv.startsWith(k + ":")) {
                    out.add(kv);
                }
            }
        }
        return out;
    }

    /** The envelope, with now and then a key left out or repeated as null. */
    private static String json(List<String> envelope, List<String> payload, SplittableRandom r) {
        StringBuilder p = new StringBuilder("{");
        for (String kv : payload) {
            if (r.nextInt(40) == 0) {
                continue;
            }
            p.append(p.length() > 1 ? "," : "").append(kv);
            if (r.nextInt(40) == 0) {
                p.append(',').append(kv, 0, kv.indexOf(':')).append(":null");
            }
        }
        p.append('}');
        StringBuilder e = new StringBuilder("{");
        for (String kv : envelope) {
            if (r.nextInt(60) == 0) {
                continue;
            }
            e.append(e.length() > 1 ? "," : "").append(kv.endsWith(":") ? kv + p : kv);
        }
        return e.append('}').toString();
    }

    @Test
    void quoteEnvelopeDecodes() {
        String q =
                "{\"ingestTs\":\"2026-03-03T14:30:01Z\",\"eventTs\":\"2026-03-03T14:30:01+00:00\","
                        + "\"symbol\":\"NVDA\",\"seq\":1,\"payload\":{\"bp\":1.5,\"bs\":\"300\",\"ap\":1.6,"
                        + "\"as\":0,\"t\":\"2026-03-03T14:30:01Z\"}}";
        QuoteEvent e = decoder.decodeQuote(b(q), "q");
        assertThat(e.failure).isNull();
        assertThat(e.bidPrice).isEqualTo(1.5);
        assertThat(e.bidSize).isEqualTo(300);
        assertThat(e.askSize).isZero();
    }

    @Test
    void alpacaShapedMinuteBarDecodes() {
        String bar =
                "{\"ingestTs\":\"2026-03-03T14:31:01Z\",\"eventTs\":\"2026-03-03T14:31:00Z\","
                        + "\"symbol\":\"NVDA\",\"seq\":3,\"isFinal\":false,\"payload\":{\"o\":10,\"h\":12,"
                        + "\"l\":9,\"c\":11,\"v\":1000,\"vw\":10.5,\"n\":17,\"t\":\"2026-03-03T14:30:00Z\"}}";
        MinuteBarEvent e = decoder.decodeMinuteBar(b(bar), "b");
        assertThat(e.failure).isNull();
        assertThat(e.windowStart).isEqualTo(Instant.parse("2026-03-03T14:30:00Z").toEpochMilli());
        assertThat(e.notional).isEqualTo(10_500);
        assertThat(e.count).isEqualTo(17);
        assertThat(e.isFinal).isFalse();
        assertThat(e.toBar().windowSizeMs()).isEqualTo(60_000);
    }

    @Test
    void microBarShapedMinuteBarDecodesWithItsWindowAndTypicalPriceWithoutVwap() {
        String bar =
                "{\"ingestTs\":\"2026-03-03T14:31:01Z\",\"eventTs\":\"2026-03-03T14:31:00Z\","
                        + "\"symbol\":\"NVDA\",\"seq\":3,\"window\":{\"size\":\"PT1M\",\"start\":"
                        + "\"2026-03-03T14:30:00Z\",\"end\":\"2026-03-03T14:31:00Z\"},"
                        + "\"payload\":{\"o\":10,\"h\":12,\"l\":9,\"c\":12,\"v\":30,\"count\":4}}";
        MinuteBarEvent e = decoder.decodeMinuteBar(b(bar), "b");
        assertThat(e.failure).isNull();
        assertThat(e.windowStart).isEqualTo(Instant.parse("2026-03-03T14:30:00Z").toEpochMilli());
        assertThat(e.notional).isEqualTo((12 + 9 + 12) / 3.0 * 30);
        assertThat(e.count).isEqualTo(4);
        assertThat(e.isFinal).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "EMPTY|",
                "INVALID_JSON|{\"symbol\":",
                "NOT_AN_OBJECT|[1]",
                "MISSING_FIELD|{\"eventTs\":\"2026-03-03T14:30:01Z\",\"ingestTs\":\"2026-03-03T14:30:01Z\","
                        + "\"seq\":1,\"payload\":{\"p\":1,\"s\":1}}",
                "MISSING_FIELD|{\"symbol\":\"A\",\"eventTs\":\"2026-03-03T14:30:01Z\",\"ingestTs\":"
                        + "\"2026-03-03T14:30:01Z\",\"seq\":1,\"payload\":{\"s\":1}}",
                "WRONG_TYPE|{\"symbol\":\"A\",\"eventTs\":\"2026-03-03T14:30:01Z\",\"ingestTs\":"
                        + "\"2026-03-03T14:30:01Z\",\"seq\":\"one\",\"payload\":{\"p\":1,\"s\":1}}",
                "WRONG_TYPE|{\"symbol\":7,\"eventTs\":\"2026-03-03T14:30:01Z\",\"ingestTs\":"
                        + "\"2026-03-03T14:30:01Z\",\"seq\":1,\"payload\":{\"p\":1,\"s\":1}}",
                "INVALID_TIMESTAMP|{\"symbol\":\"A\",\"eventTs\":\"03/03/2026\",\"ingestTs\":"
                        + "\"2026-03-03T14:30:01Z\",\"seq\":1,\"payload\":{\"p\":1,\"s\":1}}",
                "TIMESTAMP_OUT_OF_RANGE|{\"symbol\":\"A\",\"eventTs\":\"2099-03-03T14:30:01Z\","
                        + "\"ingestTs\":\"2026-03-03T14:30:01Z\",\"seq\":1,\"payload\":{\"p\":1,\"s\":1}}",
                "TIMESTAMP_OUT_OF_RANGE|{\"symbol\":\"A\",\"eventTs\":\"1999-03-03T14:30:01Z\","
                        + "\"ingestTs\":\"2026-03-03T14:30:01Z\",\"seq\":1,\"payload\":{\"p\":1,\"s\":1}}",
                "NON_FINITE|{\"symbol\":\"A\",\"eventTs\":\"2026-03-03T14:30:01Z\",\"ingestTs\":"
                        + "\"2026-03-03T14:30:01Z\",\"seq\":1,\"payload\":{\"p\":\"Infinity\",\"s\":1}}",
                "NON_POSITIVE_PRICE|{\"symbol\":\"A\",\"eventTs\":\"2026-03-03T14:30:01Z\","
                        + "\"ingestTs\":\"2026-03-03T14:30:01Z\",\"seq\":1,\"payload\":{\"p\":-2,\"s\":1}}",
                "NEGATIVE_SIZE|{\"symbol\":\"A\",\"eventTs\":\"2026-03-03T14:30:01Z\",\"ingestTs\":"
                        + "\"2026-03-03T14:30:01Z\",\"seq\":1,\"payload\":{\"p\":2,\"s\":-1}}",
                "INVALID_SYMBOL|{\"symbol\":\"A B<script>\",\"eventTs\":\"2026-03-03T14:30:01Z\","
                        + "\"ingestTs\":\"2026-03-03T14:30:01Z\",\"seq\":1,\"payload\":{\"p\":2,\"s\":1}}",
                "INVALID_JSON|{\"symbol\":\"A\",\"eventTs\":\"2026-03-03T14:30:01Z\",\"ingestTs\":"
                        + "\"2026-03-03T14:30:01Z\",\"seq\":1,\"payload\":{\"p\":2,\"s\":1}} trailing"
            })
    void badTradesAreRefusedWithTheirReasonNeverThrown(DecodeFailure reason, String json) {
        TradeEvent t = decoder.decodeTrade(json == null ? new byte[0] : b(json), "o");
        assertThat(t.failure).isEqualTo(reason.name());
        assertThat(t.failureDetail).isNotBlank();
        assertThat(t.watermarkTimestamp()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void oversizedAndDeeplyNestedRecordsAreRefused() {
        TradeEvent big =
                decoder.decodeTrade(
                        b(
                                TRADE.replace(
                                        "\"feed\"",
                                        "\"pad\":\"" + "x".repeat(5000) + "\",\"feed\"")),
                        "o");
        assertThat(big.failure).isEqualTo("OVERSIZED");
        assertThat(big.failureDetail).contains("allowed: <= 4096");
        TradeEvent deep =
                decoder.decodeTrade(b("{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}"), "o");
        assertThat(deep.failure).isEqualTo("INVALID_JSON");
    }

    @Test
    void inconsistentBarIsRefused() {
        String bar =
                "{\"ingestTs\":\"2026-03-03T14:31:01Z\",\"eventTs\":\"2026-03-03T14:31:00Z\","
                        + "\"symbol\":\"NVDA\",\"seq\":3,\"payload\":{\"o\":10,\"h\":9,\"l\":8,\"c\":11,"
                        + "\"v\":1000,\"t\":\"2026-03-03T14:30:00Z\"}}";
        assertThat(decoder.decodeMinuteBar(b(bar), "b").failure).isEqualTo("INCONSISTENT_BAR");
    }

    private static String trade(String eventTs, String ingestTs) {
        return "{\"symbol\":\"A\",\"eventTs\":"
                + eventTs
                + ",\"ingestTs\":"
                + ingestTs
                + ",\"seq\":1,\"payload\":{\"p\":1,\"s\":1}}";
    }

    /** A bar envelope at 2026-03-03T14:31:00Z with the given payload members. */
    private static String bar(String payload) {
        return "{\"symbol\":\"A\",\"eventTs\":\"2026-03-03T14:31:00Z\",\"ingestTs\":"
                + "\"2026-03-03T14:31:01Z\",\"seq\":1,\"payload\":{"
                + payload
                + "}}";
    }

    @ParameterizedTest(name = "eventTs {0}, ingestTs {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // Fuzzer reproducers: eventTs - ingestTs overflowed, so the skew check passed.
                "0|-9223372036854775808",
                "9223372036854775807|-9223372036854775807",
                "-9223372036854775808|0",
                // Outside [1970-01-01, 2200-01-01) although eventTs and ingestTs agree.
                "-1|-1",
                "\"1969-12-31T23:59:59.999Z\"|\"1969-12-31T23:59:59.999Z\"",
                "7258118400000|7258118400000",
                "\"2200-01-01T00:00:00Z\"|\"2200-01-01T00:00:00Z\"",
                "\"+10000-01-01T00:00:00Z\"|\"+10000-01-01T00:00:00Z\"",
                "\"2026-03-03T14:30:01Z\"|-1",
                "\"2026-03-03T14:30:01Z\"|9223372036854775807"
            })
    void implausibleTimestampsAreOutOfRange(String eventTs, String ingestTs) {
        TradeEvent t = decoder.decodeTrade(b(trade(eventTs, ingestTs)), "o");
        assertThat(t.failure).isEqualTo("TIMESTAMP_OUT_OF_RANGE");
        assertThat(t.failureDetail).isNotBlank();
        assertThat(t.watermarkTimestamp()).isEqualTo(Long.MIN_VALUE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"\"1970-01-01T00:00:00Z\"", "0", "\"2199-12-31T23:59:59.999Z\"", "7258118399999"})
    void theEndsOfThePlausibleRangeAreAccepted(String ts) {
        TradeEvent t = decoder.decodeTrade(b(trade(ts, ts)), "o");
        assertThat(t.failure).as(t.failureDetail).isNull();
        assertThat(t.eventTs).isBetween(EnvelopeDecoder.MIN_TIMESTAMP_MS, 7_258_118_399_999L);
        assertThat(EnvelopeDecoder.MAX_TIMESTAMP_MS)
                .isEqualTo(Instant.parse("2200-01-01T00:00:00Z").toEpochMilli());
    }

    @Test
    void anEpochMillisecondTimestampBeyond64BitsIsAnInvalidTimestamp() {
        TradeEvent t =
                decoder.decodeTrade(
                        b(trade("99999999999999999999", "\"2026-03-03T14:30:01Z\"")), "o");
        assertThat(t.failure).isEqualTo("INVALID_TIMESTAMP");
        assertThat(t.failureDetail).contains("eventTs");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // Fuzzer reproducer: (h + l + c) / 3 overflows to Infinity, times v = 0 is NaN.
                "\"o\":1e308,\"h\":1.5e308,\"l\":1e308,\"c\":1e308,\"v\":0",
                "\"o\":1e308,\"h\":1.5e308,\"l\":1e308,\"c\":1e308,\"v\":1",
                "\"o\":1e200,\"h\":1e200,\"l\":1e200,\"c\":1e200,\"v\":1e200",
                "\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1e300,\"vw\":1e300"
            })
    void aBarWhoseNotionalOverflowsIsNonFinite(String payload) {
        MinuteBarEvent e = decoder.decodeMinuteBar(b(bar(payload)), "b");
        assertThat(e.failure).isEqualTo("NON_FINITE");
        assertThat(e.failureDetail).contains("notional");
        assertThat(e.watermarkTimestamp()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void aLargeButFiniteNotionalIsAccepted() {
        MinuteBarEvent e =
                decoder.decodeMinuteBar(
                        b(bar("\"o\":1e150,\"h\":1e150,\"l\":1e150,\"c\":1e150,\"v\":1e150")), "b");
        assertThat(e.failure).as(e.failureDetail).isNull();
        assertThat(e.notional).isEqualTo(1e150 * 1e150);
        // A huge VWAP times zero volume is 0, not NaN: accepted.
        MinuteBarEvent zero =
                decoder.decodeMinuteBar(
                        b(
                                bar(
                                        "\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":0,\"vw\":1.7976931348623157e308")),
                        "b");
        assertThat(zero.failure).as(zero.failureDetail).isNull();
        assertThat(zero.notional).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // Fuzzer reproducer: floorDiv(Long.MIN_VALUE, 60000) * 60000 wrapped around.
                "\"t\":-9223372036854775808",
                "\"t\":9223372036854775807",
                "\"t\":-1",
                "\"t\":\"2200-01-01T00:00:00Z\"",
                // Plausible, but not the minute of this 2026-03-03T14:31 envelope.
                "\"t\":\"1970-01-01T00:00:00Z\"",
                "\"t\":\"2026-02-23T14:30:59.999Z\"",
                "\"t\":\"2026-03-03T14:32:00.001Z\""
            })
    void aBarStartOutOfRangeOrFarFromItsEventTimeIsRefused(String t) {
        MinuteBarEvent e =
                decoder.decodeMinuteBar(
                        b(bar("\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1," + t)), "b");
        assertThat(e.failure).isEqualTo("TIMESTAMP_OUT_OF_RANGE");
        assertThat(e.failureDetail).contains("payload.t");
        assertThat(e.watermarkTimestamp()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void aMicroBarWindowStartFarFromItsEventTimeIsRefused() {
        String bar =
                "{\"ingestTs\":\"2026-03-03T14:31:01Z\",\"eventTs\":\"2026-03-03T14:31:00Z\","
                        + "\"symbol\":\"NVDA\",\"seq\":3,\"window\":{\"size\":\"PT1M\",\"start\":"
                        + "\"1970-01-01T00:00:00Z\"},\"payload\":{\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1}}";
        MinuteBarEvent e = decoder.decodeMinuteBar(b(bar), "b");
        assertThat(e.failure).isEqualTo("TIMESTAMP_OUT_OF_RANGE");
        assertThat(e.failureDetail).contains("window.start");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // eventTs 14:31:00 minus the 8 day TA_MAX_EVENT_AGE_MS, exactly.
        "2026-02-23T14:31:00Z, 2026-02-23T14:31:00Z",
        "2026-03-03T14:30:00Z, 2026-03-03T14:30:00Z",
        "2026-03-03T14:30:59.999Z, 2026-03-03T14:30:00Z",
        // eventTs plus the 60 s TA_MAX_FUTURE_SKEW_MS, exactly.
        "2026-03-03T14:32:00Z, 2026-03-03T14:32:00Z"
    })
    void aBarStartWithinTheSkewAndAgeOfItsEventTimeIsAcceptedAndTruncated(
            String t, String expectedStart) {
        MinuteBarEvent e =
                decoder.decodeMinuteBar(
                        b(bar("\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"t\":\"" + t + "\"")), "b");
        assertThat(e.failure).as(e.failureDetail).isNull();
        assertThat(e.windowStart).isEqualTo(Instant.parse(expectedStart).toEpochMilli());
        assertThat(e.toBar().windowEndMs()).isEqualTo(e.windowStart + 60_000);
    }

    @Test
    void isoTimestampsFastPathAgreesWithJavaTime() {
        for (String s :
                new String[] {
                    "2026-03-03T14:30:01Z",
                    "2026-03-03T14:30:01.1Z",
                    "2026-03-03T14:30:01.123Z",
                    "2026-03-03T14:30:01.123999999Z",
                    "2024-02-29T23:59:59.999Z",
                    "1970-01-01T00:00:00Z"
                }) {
            assertThat(IsoTimestamps.parseMillis(s))
                    .as(s)
                    .isEqualTo(Instant.parse(s).toEpochMilli());
        }
        assertThat(IsoTimestamps.parseMillis("2026-03-03T09:30:01-05:00"))
                .isEqualTo(Instant.parse("2026-03-03T14:30:01Z").toEpochMilli());
        assertThat(IsoTimestamps.parseMillis("2026-02-30T00:00:00Z"))
                .isEqualTo(IsoTimestamps.INVALID);
        assertThat(IsoTimestamps.parseMillis("soon")).isEqualTo(IsoTimestamps.INVALID);
    }

    /**
     * The fast path against java.time on every day from year 0 to 9999 (the epoch-day arithmetic),
     * random instants with 0 to 9 fraction digits, in place inside a larger buffer, and on dates
     * that do not exist.
     */
    @Test
    void isoTimestampsAgreeWithJavaTimeOnEveryDayAndRandomInstants() {
        java.time.LocalDate first = java.time.LocalDate.of(0, 1, 1);
        for (java.time.LocalDate d = first; d.getYear() <= 9999; d = d.plusDays(1)) {
            assertThat(IsoTimestamps.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth()))
                    .as("%s", d)
                    .isEqualTo(d.toEpochDay());
        }
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 200_000; i++) {
            long ms = random.nextLong(-62_167_219_200_000L, 253_402_300_800_000L);
            Instant instant = Instant.ofEpochMilli(ms).plusNanos(random.nextInt(1_000_000));
            String iso = java.time.format.DateTimeFormatter.ISO_INSTANT.format(instant);
            String digits = iso.substring(0, 19) + "." + String.format("%09d", instant.getNano());
            String text = digits.substring(0, 20 + random.nextInt(9)) + "Z";
            if (random.nextInt(10) == 0) {
                text = iso.substring(0, 19) + "Z";
            }
            String padded = "xx\"" + text + "\"yy";
            assertThat(IsoTimestamps.parseMillis(padded.toCharArray(), 3, text.length()))
                    .as(text)
                    .isEqualTo(Instant.parse(text).toEpochMilli());
        }
        for (String bad :
                new String[] {
                    "2025-02-29T00:00:00Z",
                    "2100-02-29T00:00:00Z",
                    "2026-04-31T00:00:00Z",
                    "2026-13-01T00:00:00Z",
                    "2026-00-10T00:00:00Z",
                    "2026-01-00T00:00:00Z",
                    "2026-01-01T24:00:00Z",
                    "2026-01-01T00:00:00.1234567890Z",
                    // Arabic-Indic digits: the old fast path took them for digits (as 158 s).
                    "2026-01-01T00:00:00.\u0661Z",
                    "2026-01-01T00:00:00"
                }) {
            assertThat(IsoTimestamps.parseMillis(bad)).as(bad).isEqualTo(IsoTimestamps.INVALID);
        }
        assertThat(IsoTimestamps.parseMillis("2000-02-29T12:00:00Z"))
                .isEqualTo(Instant.parse("2000-02-29T12:00:00Z").toEpochMilli());
    }

    /**
     * The decoder reads numbers with Jackson's fast double parser; every price and size must still
     * be the double {@link Double#parseDouble} gives for the same text, bit for bit: feed-style
     * decimals, shortest round-trip forms of random doubles, long mantissas, exponents and
     * subnormals.
     */
    @Test
    void numbersDecodeBitForBitLikeDoubleParseDouble() {
        SplittableRandom random = new SplittableRandom(11);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            texts.add(
                    Long.toString(1 + random.nextLong(10_000_000)) + "." + random.nextInt(10_000));
            texts.add(Double.toString(Math.abs(Double.longBitsToDouble(random.nextLong()))));
            texts.add(Double.toString(random.nextDouble() * 1000));
            texts.add(
                    "0."
                            + Long.toString(Math.abs(random.nextLong()))
                            + Long.toString(Math.abs(random.nextLong())));
        }
        texts.addAll(
                List.of(
                        "4.9E-324",
                        "2.2250738585072014E-308",
                        "2.2250738585072011e-308",
                        "1.7976931348623157E308",
                        "9007199254740993",
                        "0.1",
                        "123.45",
                        "1e0",
                        "5e-1",
                        "0.30000000000000004"));
        int checked = 0;
        for (String text : texts) {
            double expected = Double.parseDouble(text);
            if (!Double.isFinite(expected) || expected <= 0) {
                continue;
            }
            String json =
                    "{\"ingestTs\":\"2026-03-03T14:30:01.250Z\",\"eventTs\":\"2026-03-03T14:30:01.123Z\","
                            + "\"symbol\":\"NVDA\",\"seq\":1,\"payload\":{\"p\":"
                            + text
                            + ",\"s\":"
                            + text
                            + "}}";
            TradeEvent t = decoder.decodeTrade(b(json), "t");
            assertThat(t.failure).as(text).isNull();
            assertThat(Double.doubleToRawLongBits(t.price))
                    .as(text)
                    .isEqualTo(Double.doubleToRawLongBits(expected));
            assertThat(Double.doubleToRawLongBits(t.size))
                    .as(text)
                    .isEqualTo(Double.doubleToRawLongBits(expected));
            checked++;
        }
        assertThat(checked).isGreaterThan(70_000);
    }
}
