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
}
