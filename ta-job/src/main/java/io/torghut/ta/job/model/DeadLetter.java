package io.torghut.ta.job.model;

/** A refused input record on its way to the dead-letter topic. */
public class DeadLetter {
    /** Which input: trades, quotes or bars1m. */
    public String input;

    /** The failure reason label. */
    public String reason;

    /** What was wrong, naming the field and the value. */
    public String detail;

    /** topic/partition@offset or file:line. */
    public String origin;

    /** The raw value, truncated. */
    public String raw;

    /** Flink POJO constructor. */
    public DeadLetter() {}

    /** Builds a dead letter from a refused record. */
    public static DeadLetter of(String input, InputRecord r) {
        DeadLetter d = new DeadLetter();
        d.input = input;
        d.reason = r.failure;
        d.detail = r.failureDetail;
        d.origin = r.origin;
        d.raw = r.raw;
        return d;
    }
}
