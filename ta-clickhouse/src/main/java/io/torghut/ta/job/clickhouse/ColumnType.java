package io.torghut.ta.job.clickhouse;

/**
 * Logical column types of the output tables: what the job writes into a column, the SQL it creates
 * the column with in each dialect, and (through {@link ColumnEncoding}) which server types it can
 * write that value into.
 */
public enum ColumnType {
    SYMBOL(Value.STRING, false, "LowCardinality(String)", "String"),
    LOW_CARDINALITY_STRING(Value.STRING, false, "LowCardinality(String)", "String"),
    NULLABLE_STRING(Value.STRING, true, "Nullable(String)", "Nullable(String)"),
    TIMESTAMP(Value.TIMESTAMP, false, "DateTime64(3, 'UTC')", "DateTime('UTC')"),
    NULLABLE_TIMESTAMP(
            Value.TIMESTAMP, true, "Nullable(DateTime64(3, 'UTC'))", "Nullable(DateTime('UTC'))"),
    UINT64(Value.UNSIGNED_64, false, "UInt64", "UInt64"),
    UINT32(Value.UNSIGNED_32, false, "UInt32", "UInt32"),
    BOOL(Value.FLAG, false, "UInt8", "UInt8"),
    FLOAT64(Value.DOUBLE, false, "Float64", "Float64"),
    NULLABLE_FLOAT64(Value.DOUBLE, true, "Nullable(Float64)", "Nullable(Float64)"),
    /**
     * A quote size: a double that is a whole number of shares on the platform's feeds. Production
     * stores it as {@code Nullable(UInt64)} (the job writes the nearest whole number there) and a
     * {@code Nullable(Float64)} column takes it exactly.
     */
    NULLABLE_SIZE(Value.SIZE, true, "Nullable(UInt64)", "Nullable(UInt64)");

    /** What kind of Java value the job hands over for the column ({@link RowValues}). */
    public enum Value {
        /** A {@code String}. */
        STRING,
        /** A {@code Long} of epoch milliseconds. */
        TIMESTAMP,
        /** A {@code Long} >= 0. */
        UNSIGNED_64,
        /** A {@code Long} or {@code Integer} in [0, 2^32). */
        UNSIGNED_32,
        /** An {@code Integer} 0 or 1. */
        FLAG,
        /** A {@code Double}, finite. */
        DOUBLE,
        /** A {@code Double}, finite and >= 0, normally whole. */
        SIZE
    }

    private final Value value;
    private final boolean nullable;
    private final String production;
    private final String legacy;

    ColumnType(Value value, boolean nullable, String production, String legacy) {
        this.value = value;
        this.nullable = nullable;
        this.production = production;
        this.legacy = legacy;
    }

    /** SQL type in the given dialect. */
    public String sql(ClickHouseDialect dialect) {
        return dialect == ClickHouseDialect.PRODUCTION ? production : legacy;
    }

    /** The kind of value written. */
    public Value value() {
        return value;
    }

    /** Whether the job writes NULL into the column (an absent value). */
    public boolean nullable() {
        return nullable;
    }

    /** Whether the column is a timestamp. */
    public boolean isTimestamp() {
        return value == Value.TIMESTAMP;
    }
}
