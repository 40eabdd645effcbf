package io.torghut.ta.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.job.decode.EnvelopeDecoder;
import io.torghut.ta.job.model.MinuteBarEvent;
import io.torghut.ta.job.model.TradeEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Reproducers of the decoder defects that {@link KnownDecoderDefects} tolerates, one a test. Each
 * asserts the defect is still there, so the day ta-job fixes it this test fails and says what to
 * delete; the contract checks of the fuzz targets then cover the case again.
 */
class KnownDecoderDefectsTest {
    private static final String FIXED =
            "fixed in ta-job: delete KnownDecoderDefects.%s and this test so the fuzz targets"
                    + " check the contract in full";

    private final EnvelopeDecoder decoder = DecoderContract.newDecoder();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void skewOverflowAcceptsAnEventTimeFarFromItsIngestTime() {
        // 0 - Long.MIN_VALUE overflows back to Long.MIN_VALUE, and -Long.MIN_VALUE is negative.
        TradeEvent e =
                decoder.decodeTrade(
                        utf8(
                                "{\"symbol\":\"A\",\"eventTs\":0,\"ingestTs\":-9223372036854775808,"
                                        + "\"seq\":1,\"payload\":{\"p\":1,\"s\":1}}"),
                        "o");
        assertThat(e.failure).as(FIXED, "skewOverflows").isNull();
        assertThat(KnownDecoderDefects.skewOverflows(e)).isTrue();
    }

    @Test
    void barNotionalOverflowsToNanWithZeroVolume() {
        // (h + l + c) / 3 overflows to Infinity; Infinity * 0 is NaN.
        MinuteBarEvent e =
                decoder.decodeMinuteBar(
                        utf8(
                                "{\"symbol\":\"A\",\"eventTs\":\"2026-03-03T14:31:00Z\",\"ingestTs\":"
                                        + "\"2026-03-03T14:31:01Z\",\"seq\":1,\"payload\":{\"o\":1e308,"
                                        + "\"h\":1.5e308,\"l\":1e308,\"c\":1e308,\"v\":0}}"),
                        "o");
        assertThat(e.failure).as(FIXED, "barNotionalOverflows").isNull();
        assertThat(e.notional).as(FIXED, "barNotionalOverflows").isNaN();
    }

    @Test
    void barWindowStartOverflowsForAnExtremePayloadTime() {
        // floorDiv(Long.MIN_VALUE, 60000) * 60000 wraps to a large positive, misaligned start.
        MinuteBarEvent e =
                decoder.decodeMinuteBar(
                        utf8(
                                "{\"symbol\":\"A\",\"eventTs\":\"2026-03-03T14:31:00Z\",\"ingestTs\":"
                                        + "\"2026-03-03T14:31:01Z\",\"seq\":1,\"payload\":{\"o\":1,"
                                        + "\"h\":1,\"l\":1,\"c\":1,\"v\":1,"
                                        + "\"t\":-9223372036854775808}}"),
                        "o");
        assertThat(e.failure).as(FIXED, "barWindowOverflows").isNull();
        assertThat(e.windowStart).as(FIXED, "barWindowOverflows").isPositive();
        assertThat(e.toBar().windowEndMs()).isLessThan(e.toBar().windowStartMs());
    }
}
