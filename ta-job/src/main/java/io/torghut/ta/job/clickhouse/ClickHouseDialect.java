package io.torghut.ta.job.clickhouse;

import io.torghut.ta.job.sinks.TimestampText;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The two SQL forms generated from one table definition: {@link #PRODUCTION} (ReplicatedReplacing
 * MergeTree, DateTime64(3,'UTC'), LowCardinality, TTL) and {@link #LEGACY_18}, what the ClickHouse
 * 18.16 test server accepts (no DateTime64, no TTL, no LowCardinality without a setting; plain
 * ReplacingMergeTree). Everything else (columns, order, partitioning, version column) is shared.
 */
public enum ClickHouseDialect {
    PRODUCTION(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC), 23),
    LEGACY_18(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC), 19);

    private final DateTimeFormatter timestampFormat;
    private final int timestampLength;

    ClickHouseDialect(DateTimeFormatter timestampFormat, int timestampLength) {
        this.timestampFormat = timestampFormat;
        this.timestampLength = timestampLength;
    }

    /**
     * A timestamp as the INSERT text this dialect's timestamp columns parse: the formatter's text,
     * written by {@link TimestampText} for years 1000 to 9999 (a row has several timestamps).
     */
    public String formatTimestamp(long epochMs) {
        if (!TimestampText.fits(epochMs)) {
            return timestampFormat.format(Instant.ofEpochMilli(epochMs));
        }
        char[] text = new char[23];
        TimestampText.write(epochMs, ' ', text);
        return new String(text, 0, timestampLength);
    }

    /** The dialect for a server version string such as {@code 18.16.1} or {@code 24.8.4.13}. */
    public static ClickHouseDialect forServerVersion(String version) {
        int major;
        try {
            major = Integer.parseInt(version.trim().split("\\.")[0]);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "ClickHouse server version must look like 24.8.1, got '" + version + "'");
        }
        // DateTime64 arrived in 20.1; anything older gets the legacy form.
        return major >= 20 ? PRODUCTION : LEGACY_18;
    }
}
