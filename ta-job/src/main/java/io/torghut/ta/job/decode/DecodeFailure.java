package io.torghut.ta.job.decode;

/**
 * Why an input record was refused. Each reason is a Flink counter ({@code
 * ta.<input>.invalid.<reason>}) and the {@code reason} field of a dead-letter record.
 */
public enum DecodeFailure {
    /** The value is empty or null. */
    EMPTY,
    /** Larger than {@code TA_MAX_RECORD_BYTES}. */
    OVERSIZED,
    /** Not parseable as JSON. */
    INVALID_JSON,
    /** JSON, but not an object (or the payload is not an object). */
    NOT_AN_OBJECT,
    /** A required field is absent or null. */
    MISSING_FIELD,
    /** A field has the wrong JSON type (e.g. a string where a number belongs). */
    WRONG_TYPE,
    /** A timestamp that is not ISO-8601 or epoch milliseconds (within 64 bits). */
    INVALID_TIMESTAMP,
    /**
     * A timestamp before 1970-01-01 or from 2200-01-01 on ({@link
     * EnvelopeDecoder#MIN_TIMESTAMP_MS}, {@link EnvelopeDecoder#MAX_TIMESTAMP_MS}); eventTs too far
     * ahead of or behind ingestTs; or a bar's start too far ahead of or behind its eventTs (limits:
     * TA_MAX_FUTURE_SKEW_MS, TA_MAX_EVENT_AGE_MS).
     */
    TIMESTAMP_OUT_OF_RANGE,
    /** NaN or infinite number, or a bar whose notional (vw or typical price times v) overflows. */
    NON_FINITE,
    /** A price that is zero or negative. */
    NON_POSITIVE_PRICE,
    /** A size or volume that is negative. */
    NEGATIVE_SIZE,
    /** A symbol that is empty, too long or has characters outside [A-Za-z0-9./_:-]. */
    INVALID_SYMBOL,
    /** A bar whose high/low do not bracket its open/close. */
    INCONSISTENT_BAR;

    /** The metric and dead-letter name: lower case with dashes. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
