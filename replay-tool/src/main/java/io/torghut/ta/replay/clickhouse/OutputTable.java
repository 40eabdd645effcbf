package io.torghut.ta.replay.clickhouse;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The ClickHouse tables a replay writes, with the TTL check-window assumes for each. */
public enum OutputTable {
    TA_MICROBARS("ta_microbars", Duration.ofDays(30)),
    TA_SIGNALS("ta_signals", Duration.ofDays(14));

    private final String tableName;
    private final Duration defaultTtl;

    OutputTable(String tableName, Duration defaultTtl) {
        this.tableName = tableName;
        this.defaultTtl = defaultTtl;
    }

    /** The table's name in ClickHouse (and on the command line). */
    public String tableName() {
        return tableName;
    }

    /** The TTL check-window assumes unless {@code --ttl} gives the table's own. */
    public Duration defaultTtl() {
        return defaultTtl;
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
