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
 * valid symbol, eventTs and ingestTs in 1970..2200 and eventTs within the configured skew of
 * ingestTs, consistent bars with a finite notional and a start within the skew of their eventTs) or
 * refused with a known {@link DecodeFailure}, a detail and the raw value, and never moves
 * watermarks. A violation throws {@link AssertionError}, which Jazzer reports as a finding.
 */
final class DecoderContract {
    /** The production defaults of TA_MAX_FUTURE_SKEW_MS and TA_MAX_EVENT_AGE_MS. */
    static final long MAX_FUTURE_SKEW_MS = 60_000;

    static final long MAX_EVENT_AGE_MS = 8L * 86_400_000;

    /**
     * Timestamps of valid records lie in [1970-01-01, 2200-01-01). Stated here, not taken from
     * {@link EnvelopeDecoder}, so that the contract does not move with the code under test.
     */
    static final long MIN_TIMESTAMP_MS = 0L;

    static final long MAX_TIMESTAMP_MS =
            java.time.Instant.parse("2200-01-01T00:00:00Z").toEpochMilli();

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
            check(
                    Double.isFinite(e.notional) && e.notional >= 0,
                    "bar notional %s must be finite and >= 0 (o/h/l/c/v = %s/%s/%s/%s/%s)",
                    e.notional,
                    e.open,
                    e.high,
                    e.low,
                    e.close,
                    e.volume);
            check(
                    Math.floorMod(e.windowStart, 60_000L) == 0,
                    "bar windowStart %s must be minute-aligned",
                    e.windowStart);
            check(
                    e.toBar().windowEndMs() > e.toBar().windowStartMs(),
                    "bar window [%s, %s) must be non-empty",
                    e.toBar().windowStartMs(),
                    e.toBar().windowEndMs());
            // The start as sent is within -age..+skew of eventTs; truncated to the minute, it may
            // be up to 59,999 ms earlier. eventTs is in range, so these sums cannot overflow.
            check(
                    e.windowStart > e.eventTs - MAX_EVENT_AGE_MS - 60_000
                            && e.windowStart <= e.eventTs + MAX_FUTURE_SKEW_MS,
                    "bar windowStart %s must be within -%s..+%s ms of eventTs %s",
                    e.windowStart,
                    MAX_EVENT_AGE_MS,
                    MAX_FUTURE_SKEW_MS,
                    e.eventTs);
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
        plausible("eventTs", e.eventTs);
        plausible("ingestTs", e.ingestTs);
        check(e.watermarkTimestamp() == e.eventTs, "a valid record's watermark is its eventTs");
        long skew = e.eventTs - e.ingestTs;
        check(
                -MAX_EVENT_AGE_MS <= skew && skew <= MAX_FUTURE_SKEW_MS,
                "eventTs %s is %s ms from ingestTs %s; allowed -%s..+%s",
                e.eventTs,
                skew,
                e.ingestTs,
                MAX_EVENT_AGE_MS,
                MAX_FUTURE_SKEW_MS);
        return true;
    }

    private static void plausible(String field, long ms) {
        check(
                MIN_TIMESTAMP_MS <= ms && ms < MAX_TIMESTAMP_MS,
                "%s %s must be in [%s, %s)",
                field,
                ms,
                MIN_TIMESTAMP_MS,
                MAX_TIMESTAMP_MS);
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
