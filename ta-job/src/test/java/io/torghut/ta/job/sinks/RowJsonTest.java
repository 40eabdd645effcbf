package io.torghut.ta.job.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.torghut.ta.core.bars.Bar;
import io.torghut.ta.core.signals.SignalEngine;
import io.torghut.ta.core.signals.SignalEngineConfig;
import io.torghut.ta.core.signals.SignalRow;
import io.torghut.ta.job.clickhouse.RowValues;
import io.torghut.ta.job.clickhouse.TaTable;
import io.torghut.ta.job.clickhouse.TaTables;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Tests for {@link RowJson}: timestamps against {@link DateTimeFormatter}, and every value of a
 * written row read back by Jackson's parser equal to the value given, bit for bit for doubles.
 */
class RowJsonTest {
    private static final DateTimeFormatter ORACLE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void timestampsEqualTheFormatterOnEveryDayAndMillisecondBoundary() {
        Random r = new Random(17);
        long[] edges = {
            0,
            -1,
            1,
            86_399_999,
            86_400_000,
            -86_400_000,
            951_782_400_000L, // 2000-02-29
            7_258_118_399_999L,
            7_258_118_400_000L,
            -30_610_224_000_000L,
            253_402_300_799_999L,
            253_402_300_800_000L,
            -62_135_596_800_000L,
            Long.MIN_VALUE / 4
        };
        for (long ms : edges) {
            assertThat(RowJson.timestamp(ms)).as("%d", ms).isEqualTo(oracle(ms));
        }
        for (int i = 0; i < 200_000; i++) {
            long ms = r.nextLong(-2_000_000_000_000L, 8_000_000_000_000L);
            assertThat(RowJson.timestamp(ms)).as("%d", ms).isEqualTo(oracle(ms));
        }
    }

    private static String oracle(long ms) {
        return ORACLE.format(Instant.ofEpochMilli(ms));
    }

    @Test
    void signalRowsReadBackExactly() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        SignalEngine engine = new SignalEngine(SignalEngineConfig.builder().build());
        Random r = new Random(5);
        long t0 = 1_780_000_000_000L;
        double px = 100;
        for (int i = 0; i < 2_000; i++) {
            px = Math.max(0.01, px + (r.nextInt(21) - 10) * 0.01);
            double volume = 1 + r.nextInt(500);
            double close = i % 97 == 0 ? px * 1e-7 : px;
            SignalRow row =
                    engine.onBar(
                            new Bar(
                                    "SYM",
                                    t0 + i * 1000L,
                                    t0 + i * 1000L + 1000,
                                    close,
                                    close + 0.01,
                                    close - 0.01,
                                    close,
                                    volume,
                                    volume * close,
                                    3,
                                    true),
                            null);
            Object[] values = RowValues.signal(row, t0 + i * 1000L + 1234);
            JsonNode node = mapper.readTree(RowJson.write(TaTables.SIGNALS, values));
            assertRow(TaTables.SIGNALS, values, node);
        }
    }

    /**
     * Rows are written by one generator per thread: a row that fails half-way (a value of the wrong
     * type) must not leave its half in the next row.
     */
    @Test
    void aRowThatFailsHalfWayLeavesTheNextRowWhole() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        Bar bar =
                new Bar(
                        "SYM",
                        1_780_000_000_000L,
                        1_780_000_001_000L,
                        1,
                        2,
                        0.5,
                        1.5,
                        10,
                        15,
                        3,
                        true);
        Object[] good = RowValues.bar(bar, 1_780_000_001_234L);
        Object[] bad = good.clone();
        bad[1] = "not a timestamp";
        byte[] first = RowJson.write(TaTables.MICROBARS, good);
        assertThatThrownBy(() -> RowJson.write(TaTables.MICROBARS, bad))
                .isInstanceOf(ClassCastException.class);
        byte[] next = RowJson.write(TaTables.MICROBARS, good);
        assertThat(next).isEqualTo(first);
        assertRow(TaTables.MICROBARS, good, mapper.readTree(next));
    }

    private static void assertRow(TaTable table, Object[] values, JsonNode node) {
        assertThat(node.size()).isEqualTo(values.length);
        for (int i = 0; i < values.length; i++) {
            TaTable.Column column = table.columns().get(i);
            JsonNode field = node.get(column.name());
            Object v = values[i];
            assertThat(field).as(column.name()).isNotNull();
            if (v == null) {
                assertThat(field.isNull()).as(column.name()).isTrue();
            } else if (column.type().isTimestamp()) {
                assertThat(field.asText()).isEqualTo(oracle((Long) v));
            } else if (v instanceof Double d) {
                assertThat(Double.doubleToRawLongBits(Double.parseDouble(field.asText())))
                        .as(column.name() + " " + d)
                        .isEqualTo(Double.doubleToRawLongBits(d));
            }
        }
    }
}
