package io.torghut.ta.job.clickhouse;

/**
 * The two SQL forms generated from one table definition: {@link #PRODUCTION} (ReplicatedReplacing
 * MergeTree, DateTime64(3,'UTC'), LowCardinality, TTL) and {@link #LEGACY_18}, what the ClickHouse
 * 18.16 test server accepts (no DateTime64, no TTL, no LowCardinality without a setting; plain
 * ReplacingMergeTree). Everything else (columns, order, partitioning, version column) is shared.
 */
public enum ClickHouseDialect {
    PRODUCTION,
    LEGACY_18;

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
