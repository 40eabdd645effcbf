package io.torghut.ta.job.model;

/** A small progress report from one subtask of one input or output, for the status heartbeat. */
public class StatusSample {
    /** trades, quotes, bars1m, signals or late-trades. */
    public String stream;

    /** Highest event time seen since the last sample. */
    public long maxEventTs = Long.MIN_VALUE;

    /** Records since the last sample. */
    public long count;

    /** Refused records since the last sample. */
    public long invalid;

    /** Flink POJO constructor. */
    public StatusSample() {}

    /** A sample of one record. */
    public static StatusSample of(String stream, long eventTs) {
        StatusSample s = new StatusSample();
        s.stream = stream;
        s.maxEventTs = eventTs;
        s.count = 1;
        return s;
    }
}
