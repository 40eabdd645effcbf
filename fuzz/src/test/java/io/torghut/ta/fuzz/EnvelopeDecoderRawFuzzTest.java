package io.torghut.ta.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.torghut.ta.job.decode.DecodeFailure;
import io.torghut.ta.job.decode.EnvelopeDecoder;
import io.torghut.ta.job.model.InputRecord;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * Proves that {@link EnvelopeDecoder} never throws on arbitrary bytes and that whatever it returns
 * for trades, quotes and 1 min bars is within {@link DecoderContract}: valid with finite positive
 * prices, finite non-negative sizes, a valid symbol, in-range timestamps and a consistent bar, or
 * refused with a known reason. The same bytes go to all three input kinds, since one letter of the
 * payload means something different in each.
 */
class EnvelopeDecoderRawFuzzTest {
    private static final FuzzRun RUN = new FuzzRun("EnvelopeDecoderRawFuzzTest");
    private static final EnvelopeDecoder DECODER = DecoderContract.newDecoder();

    /** Outcomes of the three decodes per input, by reason, for the summary line. */
    private static final Map<DecodeFailure, Long> REFUSED = new EnumMap<>(DecodeFailure.class);

    private static long decoded;

    @DictionaryEntries({
        "\"symbol\"",
        "\"eventTs\"",
        "\"ingestTs\"",
        "\"seq\"",
        "\"payload\"",
        "\"isFinal\"",
        "\"window\"",
        "\"start\"",
        "\"p\"",
        "\"s\"",
        "\"bp\"",
        "\"bs\"",
        "\"ap\"",
        "\"as\"",
        "\"o\"",
        "\"h\"",
        "\"l\"",
        "\"c\"",
        "\"v\"",
        "\"vw\"",
        "\"vwap\"",
        "\"n\"",
        "\"count\"",
        "\"t\"",
        "\"2026-03-03T14:30:01.123Z\"",
        "\"2026-03-03T09:30:01-05:00\"",
        "\"NaN\"",
        "\"Infinity\"",
        "-9223372036854775808",
        "9223372036854775807",
        "1e999",
        "null",
        "true"
    })
    @FuzzTest(maxDuration = "10s")
    void arbitraryBytesDecodeOrAreRefusedWithinTheContract(byte[] value) {
        RUN.executed();
        try {
            count(DecoderContract.trade(DECODER, value));
            count(DecoderContract.quote(DECODER, value));
            count(DecoderContract.minuteBar(DECODER, value));
        } catch (AssertionError | RuntimeException e) {
            // The decoder must not throw at all. The crash file holds the bytes; the message
            // shows them readably in the report.
            throw new AssertionError(
                    e + "\ninput: " + new String(value, StandardCharsets.UTF_8), e);
        }
    }

    private static void count(InputRecord record) {
        if (record.failure == null) {
            decoded++;
        } else {
            REFUSED.merge(DecodeFailure.valueOf(record.failure), 1L, Long::sum);
        }
    }

    @AfterAll
    static void summary() {
        RUN.finish("decoded=" + decoded + " refused=" + REFUSED);
    }
}
