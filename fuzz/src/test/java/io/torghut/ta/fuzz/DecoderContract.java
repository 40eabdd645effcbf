package io.torghut.ta.fuzz;

import io.torghut.ta.job.decode.DecodeFailure;
import io.torghut.ta.job.decode.EnvelopeDecoder;
import io.torghut.ta.job.model.InputRecord;
import io.torghut.ta.job.model.MinuteBarEvent;
import io.torghut.ta.job.model.QuoteEvent;
import io.torghut.ta.job.model.TradeEvent;
import java.util.Arrays;

/**
 * What {@link EnvelopeDecoder} promises about every record it returns, whatever the bytes: a record
 * is either valid and within the contract (finite positive prices, finite non-negative sizes, a
 * valid symbol, eventTs within the configured skew of ingestTs, consistent bars) or refused with a
 * known {@link DecodeFailure}, a detail and the raw value, and never moves watermarks. A violation
 * throws {@link AssertionError}, which Jazzer reports as a finding.
 */
final class DecoderContract {
    /** The production defaults of TA_MAX_FUTURE_SKEW_MS and TA_MAX_EVENT_AGE_MS. */
    static final long MAX_FUTURE_SKEW_MS = 60_000;

    static final long MAX_EVENT_AGE_MS = 8L * 86_400_000;

    /**
     * Small (TA_MAX_RECORD_BYTES allows 256 and up), so that fuzzed inputs, which libFuzzer keeps
     * to a few KiB, also reach the oversized path.
     */
    static final int MAX_RECORD_BYTES = 1024;

    /** The decoder copies at most this many bytes of a refused value into {@code raw}. */
    private static final int RAW_LIMIT = 2048;

    private static final String ORIGIN = "fuzz/0@0";

    private DecoderContract() {}

    static EnvelopeDecoder newDecoder() {
        return new EnvelopeDecoder(MAX_FUTURE_SKEW_MS, MAX_EVENT_AGE_MS, MAX_RECORD_BYTES);
    }

    /** Decodes {@code value} as a trade and checks the result. */
    static TradeEvent trade(EnvelopeDecoder decoder, byte[] value) {
        TradeEvent e = decoder.decodeTrade(value, ORIGIN);
        if (envelope(e, value)) {
            positivePrice("price", e.price);
            nonNegativeSize("size", e.size);
        }
        return e;
    }

    /** Decodes {@code value} as a quote and checks the result. */
    static QuoteEvent quote(EnvelopeDecoder decoder, byte[] value) {
        QuoteEvent e = decoder.decodeQuote(value, ORIGIN);
        if (envelope(e, value)) {
            positivePrice("bidPrice", e.bidPrice);
            nonNegativeSize("bidSize", e.bidSize);
            positivePrice("askPrice", e.askPrice);
            nonNegativeSize("askSize", e.askSize);
        }
        return e;
    }

    /** Decodes {@code value} as a 1 min bar and checks the result. */
    static MinuteBarEvent minuteBar(EnvelopeDecoder decoder, byte[] value) {
        MinuteBarEvent e = decoder.decodeMinuteBar(value, ORIGIN);
        if (envelope(e, value)) {
            positivePrice("open", e.open);
            positivePrice("high", e.high);
            positivePrice("low", e.low);
            positivePrice("close", e.close);
            nonNegativeSize("volume", e.volume);
            check(
                    e.low <= Math.min(e.open, e.close) && Math.max(e.open, e.close) <= e.high,
                    "bar o/h/l/c = %s/%s/%s/%s: low and high must bracket open and close",
                    e.open,
                    e.high,
                    e.low,
                    e.close);
            check(e.count >= 0, "bar count %s must be >= 0", e.count);
            if (!KnownDecoderDefects.barNotionalOverflows(e)) {
                check(
                        Double.isFinite(e.notional) && e.notional >= 0,
                        "bar notional %s must be finite and >= 0 (o/h/l/c/v = %s/%s/%s/%s/%s)",
                        e.notional,
                        e.open,
                        e.high,
                        e.low,
                        e.close,
                        e.volume);
            }
            if (!KnownDecoderDefects.barWindowOverflows(e)) {
                check(
                        Math.floorMod(e.windowStart, 60_000L) == 0,
                        "bar windowStart %s must be minute-aligned",
                        e.windowStart);
                check(
                        e.toBar().windowEndMs() > e.toBar().windowStartMs(),
                        "bar window [%s, %s) must be non-empty",
                        e.toBar().windowStartMs(),
                        e.toBar().windowEndMs());
            }
        }
        return e;
    }

    /**
     * Checks what every input kind shares.
     *
     * @return whether the record is valid, so the caller checks its payload
     */
    private static boolean envelope(InputRecord e, byte[] value) {
        check(e != null, "the decoder returned null");
        check(ORIGIN.equals(e.origin), "origin %s was not kept", e.origin);
        if (e.failure != null) {
            DecodeFailure reason = reason(e.failure);
            check(
                    e.failureDetail != null && !e.failureDetail.isBlank(),
                    "refused (%s) without a detail",
                    reason);
            check(
                    e.watermarkTimestamp() == Long.MIN_VALUE,
                    "a refused record must not move watermarks");
            if (value != null) {
                check(
                        e.raw != null && e.raw.length() <= RAW_LIMIT,
                        "refused record's raw value missing or longer than %s chars",
                        RAW_LIMIT);
            }
            return false;
        }
        check(e.failureDetail == null && e.raw == null, "a valid record carries failure data");
        check(validSymbol(e.symbol), "symbol '%s' is not 1-32 of [A-Za-z0-9./_:-]", e.symbol);
        check(e.eventTs >= 0, "eventTs %s must be >= 0", e.eventTs);
        check(e.watermarkTimestamp() == e.eventTs, "a valid record's watermark is its eventTs");
        if (!KnownDecoderDefects.skewOverflows(e)) {
            long skew = e.eventTs - e.ingestTs;
            check(
                    -MAX_EVENT_AGE_MS <= skew && skew <= MAX_FUTURE_SKEW_MS,
                    "eventTs %s is %s ms from ingestTs %s; allowed -%s..+%s",
                    e.eventTs,
                    skew,
                    e.ingestTs,
                    MAX_EVENT_AGE_MS,
                    MAX_FUTURE_SKEW_MS);
        }
        return true;
    }

    private static DecodeFailure reason(String failure) {
        try {
            return DecodeFailure.valueOf(failure);
        } catch (IllegalArgumentException e) {
            throw new AssertionError(
                    "failure '"
                            + failure
                            + "' is none of "
                            + Arrays.toString(DecodeFailure.values()));
        }
    }

    private static boolean validSymbol(String s) {
        return s != null && s.matches("[A-Za-z0-9./_:-]{1,32}");
    }

    private static void positivePrice(String field, double v) {
        check(Double.isFinite(v) && v > 0, "%s = %s must be finite and > 0", field, v);
    }

    private static void nonNegativeSize(String field, double v) {
        check(Double.isFinite(v) && v >= 0, "%s = %s must be finite and >= 0", field, v);
    }

    /** Throws an {@link AssertionError} with the formatted message when {@code ok} is false. */
    static void check(boolean ok, String format, Object... args) {
        if (!ok) {
            throw new AssertionError(String.format(format, args));
        }
    }
}
