package io.torghut.ta.replay.clickhouse;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The ClickHouse tables a replay writes. Their TTL is read from the server or taken from
 * production's DDL by check-window ({@code window.ProductionWindowDefaults}), not kept here.
 */
public enum OutputTable {
    TA_MICROBARS("ta_microbars"),
    TA_SIGNALS("ta_signals");

    private final String tableName;

    OutputTable(String tableName) {
        this.tableName = tableName;
    }

    /** The table's name in ClickHouse (and on the command line). */
    public String tableName() {
        return tableName;
    }

    /** The table called {@code name}, if it is one of these. */
    public static Optional<OutputTable> fromName(String name) {
        return Arrays.stream(values()).filter(t -> t.tableName.equals(name)).findFirst();
    }

    /** Every table's name, in order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(OutputTable::tableName).toList();
    }
}
