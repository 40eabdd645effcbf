package io.torghut.ta.job.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.job.model.MinuteBarEvent;
import io.torghut.ta.job.model.QuoteEvent;
import io.torghut.ta.job.model.TradeEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
}
