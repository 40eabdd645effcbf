package io.torghut.ta.replay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The stand-in query of {@link ClickHouseTableDefinitions} until the reader has its own. */
class ClickHouseTableDefinitionsTest {
    @Test
    void theDefinitionsQueryIsShapedAsTheFingerprintReaderReadsIt() {
        assertThat(ClickHouseTableDefinitions.fingerprintShaped("torghut", List.of("ta_signals")))
                .isEqualTo(
                        "SELECT name AS symbol, create_table_query AS window_size, '' AS minute,"
                                + " toInt64(0) AS row_count FROM system.tables WHERE database ="
                                + " 'torghut' AND name IN ('ta_signals') ORDER BY name");
    }
}
