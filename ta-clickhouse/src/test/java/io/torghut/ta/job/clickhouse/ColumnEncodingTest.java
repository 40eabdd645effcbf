package io.torghut.ta.job.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Tests for {@link ColumnEncoding} and {@link RowBinaryBuffer}: the RowBinary bytes of each value
 * for each server type, written out by hand from ClickHouse's format description (little-endian
 * fixed widths, LEB128 string lengths, a 0/1 null marker before a Nullable value).
 */
class ColumnEncodingTest {
    private static String hex(ColumnType logical, String serverType, Object value) {
        RowBinaryBuffer out = new RowBinaryBuffer(16);
        ColumnEncoding.resolve(logical, serverType).write(out, value);
        return HexFormat.of().formatHex(out.toByteArray());
    }

    @Test
    void everyValueIsWrittenAsItsColumnTypeWantsIt() {
        // 2026-03-03T14:30:01.250Z = 1772548201250 ms; the bytes as Python's struct.pack("<q") and
        // ("<I") write them.
        long ms = 1772548201250L;
        assertThat(hex(ColumnType.TIMESTAMP, "DateTime64(3, 'UTC')", ms))
                .isEqualTo("221b1bb49c010000");
        assertThat(hex(ColumnType.TIMESTAMP, "DateTime64(6, 'UTC')", ms)).isEqualTo(le(ms * 1000));
        assertThat(hex(ColumnType.TIMESTAMP, "DateTime64(0)", ms)).isEqualTo(le(1772548201L));
        assertThat(hex(ColumnType.TIMESTAMP, "DateTime('UTC')", ms)).isEqualTo("69f0a669");
        assertThat(hex(ColumnType.NULLABLE_TIMESTAMP, "Nullable(DateTime64(3, 'UTC'))", null))
                .isEqualTo("01");
        assertThat(hex(ColumnType.NULLABLE_TIMESTAMP, "Nullable(DateTime('UTC'))", ms))
                .isEqualTo("0069f0a669");
        assertThat(hex(ColumnType.SYMBOL, "LowCardinality(String)", "AAPL"))
                .isEqualTo("044141504c");
        assertThat(hex(ColumnType.NULLABLE_STRING, "LowCardinality(Nullable(String))", "é"))
                .isEqualTo("0002c3a9");
        assertThat(hex(ColumnType.UINT64, "UInt64", 1772548201000003L))
                .isEqualTo(le(1772548201000003L));
        assertThat(hex(ColumnType.UINT32, "UInt32", 2)).isEqualTo("02000000");
        assertThat(hex(ColumnType.BOOL, "UInt8", 1)).isEqualTo("01");
        assertThat(hex(ColumnType.FLOAT64, "Float64", 1.5)).isEqualTo("000000000000f83f");
        assertThat(hex(ColumnType.NULLABLE_FLOAT64, "Nullable(Float64)", null)).isEqualTo("01");
        // Production's sizes: the nearest whole number, into UInt64; exactly into Float64.
        assertThat(hex(ColumnType.NULLABLE_SIZE, "Nullable(UInt64)", 300.0))
                .isEqualTo("00" + le(300));
        assertThat(hex(ColumnType.NULLABLE_SIZE, "Nullable(UInt64)", 299.6))
                .isEqualTo("00" + le(300));
        assertThat(hex(ColumnType.NULLABLE_SIZE, "Nullable(Float64)", 299.6))
                .isEqualTo("00" + le(Double.doubleToRawLongBits(299.6)));
    }

    @Test
    void longStringsGetAMultiByteLength() {
        RowBinaryBuffer out = new RowBinaryBuffer(8);
        out.writeString("x".repeat(300));
        assertThat(HexFormat.of().formatHex(out.toByteArray(), 0, 2)).isEqualTo("ac02");
        assertThat(out.size()).isEqualTo(302);
    }

    @Test
    void aColumnTheJobCannotWriteIsRefusedNamingWhatItFoundAndWhatItNeeds() {
        assertThatThrownBy(() -> ColumnEncoding.resolve(ColumnType.NULLABLE_FLOAT64, "Float64"))
                .hasMessageContaining("is Float64 but the job writes NULL")
                .hasMessageContaining("expected Nullable(Float64)");
        assertThatThrownBy(() -> ColumnEncoding.resolve(ColumnType.FLOAT64, "String"))
                .hasMessageContaining("is String; expected Float64");
        assertThatThrownBy(() -> ColumnEncoding.resolve(ColumnType.UINT64, "UInt32"))
                .hasMessageContaining("is UInt32; expected UInt64");
        assertThatThrownBy(() -> ColumnEncoding.resolve(ColumnType.NULLABLE_SIZE, "Nullable(Int8)"))
                .hasMessageContaining("Nullable(UInt64) or Nullable(Float64)");
    }

    private static String le(long v) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            s.append(String.format("%02x", (v >>> (8 * i)) & 0xff));
        }
        return s.toString();
    }
}
