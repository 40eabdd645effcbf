package io.torghut.ta.replay.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link OutputTtl}: the row TTL of a table definition. */
class OutputTtlTest {
    @Test
    void readsBothWaysClickHouseWritesAnInterval() {
        assertThat(
                        OutputTtl.of(
                                "CREATE TABLE t (a Int8) ENGINE = MergeTree ORDER BY a TTL d + toIntervalDay(35)"))
                .isEqualTo(new OutputTtl.Reading.Expires(Duration.ofDays(35)));
        assertThat(
                        OutputTtl.of(
                                "ALTER TABLE t ON CLUSTER default\n  MODIFY TTL toDateTime(event_ts) + INTERVAL 2 WEEK"))
                .isEqualTo(new OutputTtl.Reading.Expires(Duration.ofDays(14)));
        assertThat(
                        OutputTtl.of(
                                "... ORDER BY a TTL d + toIntervalHour(6) SETTINGS index_granularity = 8192"))
                .isEqualTo(new OutputTtl.Reading.Expires(Duration.ofHours(6)));
        // Months at their shortest: a window is never judged kept longer than it is.
        assertThat(OutputTtl.of("ENGINE = MergeTree ORDER BY a TTL d + toIntervalMonth(1)"))
                .isEqualTo(new OutputTtl.Reading.Expires(Duration.ofDays(28)));
    }

    @Test
    void onlyTheTablesDeleteRulesCount() {
        String ddl =
                "CREATE TABLE t (`v` Float64 TTL d + toIntervalDay(1), `d` DateTime) ENGINE ="
                        + " MergeTree ORDER BY d TTL d + toIntervalDay(7) TO VOLUME 'cold', d +"
                        + " toIntervalDay(30) DELETE, d + toIntervalDay(90)";
        assertThat(OutputTtl.of(ddl)).isEqualTo(new OutputTtl.Reading.Expires(Duration.ofDays(30)));
        assertThat(
                        OutputTtl.of(
                                "CREATE TABLE t (`v` Float64 TTL d + toIntervalDay(1)) ENGINE = MergeTree ORDER BY v"))
                .isEqualTo(new OutputTtl.Reading.NoTtl());
        assertThat(OutputTtl.of("-- TTL d + INTERVAL 1 DAY\nCREATE TABLE t (a Int8) ENGINE = Log"))
                .isEqualTo(new OutputTtl.Reading.NoTtl());
    }

    @Test
    void aTtlItCannotReadIsSaidSo() {
        assertThat(OutputTtl.of("ENGINE = MergeTree ORDER BY a TTL expires_at"))
                .isEqualTo(new OutputTtl.Reading.Unreadable("expires_at"));
    }

    @Test
    void theQueryReadsSystemTablesForPlainNamesOnly() {
        assertThat(OutputTtl.query("torghut", List.of("ta_microbars", "ta_signals")))
                .isEqualTo(
                        "SELECT name, create_table_query FROM system.tables WHERE database ="
                                + " 'torghut' AND name IN ('ta_microbars', 'ta_signals') ORDER BY"
                                + " name");
        assertThatThrownBy(() -> OutputTtl.query("x'; DROP", List.of("t")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
