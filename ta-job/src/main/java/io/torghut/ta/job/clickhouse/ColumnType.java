package io.torghut.ta.job.clickhouse;

/** Logical column types of the output tables, with their SQL in each dialect. */
public enum ColumnType {
    SYMBOL("LowCardinality(String)", "String"),
    LOW_CARDINALITY_STRING("LowCardinality(String)", "String"),
    NULLABLE_STRING("Nullable(String)", "Nullable(String)"),
    TIMESTAMP("DateTime64(3, 'UTC')", "DateTime('UTC')"),
    NULLABLE_TIMESTAMP("Nullable(DateTime64(3, 'UTC'))", "Nullable(DateTime('UTC'))"),
    UINT64("UInt64", "UInt64"),
    UINT32("UInt32", "UInt32"),
    BOOL("UInt8", "UInt8"),
    FLOAT64("Float64", "Float64"),
    NULLABLE_FLOAT64("Nullable(Float64)", "Nullable(Float64)");

    private final String production;
    private final String legacy;

    ColumnType(String production, String legacy) {
        this.production = production;
        this.legacy = legacy;
    }

    /** SQL type in the given dialect. */
    public String sql(ClickHouseDialect dialect) {
        return dialect == ClickHouseDialect.PRODUCTION ? production : legacy;
    }

    /** Whether the column is a timestamp (written as text in the dialect's format). */
    public boolean isTimestamp() {
        return this == TIMESTAMP || this == NULLABLE_TIMESTAMP;
    }
}
