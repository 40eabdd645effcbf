package io.torghut.ta.job.model;

/**
 * Fields every decoded input record carries: its envelope identity, and, when it could not be
 * decoded, why and what it was. Subclasses are Flink POJOs (public fields, no-arg constructor), so
 * Flink serializes them without Kryo.
 */
public abstract class InputRecord {
    /** Instrument symbol from the envelope. */
    public String symbol;

    /** Envelope {@code eventTs}, epoch milliseconds; the record's event time. */
    public long eventTs;

    /** Envelope {@code ingestTs}, epoch milliseconds. */
    public long ingestTs;

    /** Envelope {@code seq}. */
    public long seq;

    /** Why the record was refused ({@link io.torghut.ta.job.decode.DecodeFailure}), or null. */
    public String failure;

    /** For refused records: a human-readable detail naming the field and the value. */
    public String failureDetail;

    /** For refused records: the raw value (truncated), for the dead-letter topic. */
    public String raw;

    /**
     * Where the record came from, for its dead letter: {@code topic/partition@offset} (set on
     * refused Kafka records only) or {@code file:line}.
     */
    public String origin;

    /** Whether the record decoded and validated. */
    public boolean isValid() {
        return failure == null;
    }

    /** Event time for watermarks: refused records must not move them. */
    public long watermarkTimestamp() {
        return failure == null ? eventTs : Long.MIN_VALUE;
    }
}
