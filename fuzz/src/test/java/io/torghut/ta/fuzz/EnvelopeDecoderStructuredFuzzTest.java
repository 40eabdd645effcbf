package io.torghut.ta.fuzz;

import static io.torghut.ta.fuzz.DecoderContract.check;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.torghut.ta.fuzz.EnvelopeGenerator.Envelope;
import io.torghut.ta.fuzz.EnvelopeGenerator.Expected;
import io.torghut.ta.job.decode.DecodeFailure;
import io.torghut.ta.job.decode.EnvelopeDecoder;
import io.torghut.ta.job.model.InputRecord;
import io.torghut.ta.job.model.MinuteBarEvent;
import io.torghut.ta.job.model.QuoteEvent;
import io.torghut.ta.job.model.TradeEvent;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * Proves, on near-valid envelopes built from fuzzer data ({@link EnvelopeGenerator}), that {@link
 * EnvelopeDecoder} never throws, that every result is within {@link DecoderContract}, and that an
 * envelope whose every field is valid decodes to exactly the values it carries, whatever the key
 * order, unknown keys, escapes, number and timestamp forms, or refuses it as oversized (or, for a
 * bar with an overflowing notional or a start too far from its eventTs, with {@link
 * Expected#refusal}).
 */
class EnvelopeDecoderStructuredFuzzTest {
    private static final FuzzRun RUN = new FuzzRun("EnvelopeDecoderStructuredFuzzTest");
    private static final EnvelopeDecoder DECODER = DecoderContract.newDecoder();

    /** Outcomes by reason, to show in the summary that the fuzzer reached every path. */
    private static final Map<DecodeFailure, Long> REFUSED = new EnumMap<>(DecodeFailure.class);

    private static long decoded;

    @FuzzTest(maxDuration = "10s")
    void nearValidEnvelopesDecodeExactlyOrAreRefusedWithinTheContract(FuzzedDataProvider data) {
        RUN.executed();
        Envelope envelope = EnvelopeGenerator.generate(data);
        byte[] bytes = envelope.bytes();
        InputRecord record;
        switch (envelope.kind()) {
            case TRADE:
                record = DecoderContract.trade(DECODER, bytes);
                break;
            case QUOTE:
                record = DecoderContract.quote(DECODER, bytes);
                break;
            default:
                record = DecoderContract.minuteBar(DECODER, bytes);
        }
        count(record);
        Expected expected = envelope.expected();
        if (expected == null) {
            return;
        }
        String json = new String(bytes, StandardCharsets.UTF_8);
        if (bytes.length > DecoderContract.MAX_RECORD_BYTES) {
            check(
                    DecodeFailure.OVERSIZED.name().equals(record.failure),
                    "a clean envelope of %s bytes must be OVERSIZED, got %s",
                    bytes.length,
                    record.failure);
            return;
        }
        if (expected.refusal() != null) {
            check(
                    expected.refusal().name().equals(record.failure),
                    "a clean bar must be refused as %s, got %s (%s)%n%s",
                    expected.refusal(),
                    record.failure,
                    record.failureDetail,
                    json);
            return;
        }
        check(
                record.failure == null,
                "a clean envelope was refused: %s (%s)%n%s",
                record.failure,
                record.failureDetail,
                json);
        check(expected.symbol().equals(record.symbol), "symbol %s%n%s", record.symbol, json);
        check(expected.eventTs() == record.eventTs, "eventTs %s%n%s", record.eventTs, json);
        check(expected.ingestTs() == record.ingestTs, "ingestTs %s%n%s", record.ingestTs, json);
        check(expected.seq() == record.seq, "seq %s%n%s", record.seq, json);
        double[] actual = payload(record);
        for (int i = 0; i < actual.length; i++) {
            check(
                    Double.compare(expected.payload()[i], actual[i]) == 0,
                    "payload.%s = %s, sent %s%n%s",
                    EnvelopeGenerator.payloadKeys(envelope.kind())[i],
                    actual[i],
                    expected.payload()[i],
                    json);
        }
        if (record instanceof MinuteBarEvent bar) {
            check(
                    expected.windowStart() == bar.windowStart,
                    "windowStart %s, expected %s%n%s",
                    bar.windowStart,
                    expected.windowStart(),
                    json);
            check(
                    Double.compare(expected.notional(), bar.notional) == 0,
                    "notional %s, expected %s%n%s",
                    bar.notional,
                    expected.notional(),
                    json);
            check(expected.count() == bar.count, "count %s%n%s", bar.count, json);
            check(expected.isFinal() == bar.isFinal, "isFinal %s%n%s", bar.isFinal, json);
        }
    }

    private static double[] payload(InputRecord record) {
        if (record instanceof TradeEvent t) {
            return new double[] {t.price, t.size};
        }
        if (record instanceof QuoteEvent q) {
            return new double[] {q.bidPrice, q.bidSize, q.askPrice, q.askSize};
        }
        MinuteBarEvent b = (MinuteBarEvent) record;
        return new double[] {b.open, b.high, b.low, b.close, b.volume};
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
