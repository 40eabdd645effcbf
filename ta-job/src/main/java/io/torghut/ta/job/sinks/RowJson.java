package io.torghut.ta.job.sinks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.torghut.ta.job.clickhouse.ColumnType;
import io.torghut.ta.job.clickhouse.TaTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes an output row as one flat JSON object whose field names are the ClickHouse column names,
 * in column order. Timestamps are ISO-8601 UTC with milliseconds ({@code
 * 2026-03-03T14:30:01.000Z}); absent values are {@code null}.
 */
public final class RowJson {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private RowJson() {}

    /** An epoch-millisecond timestamp in the JSON form. */
    public static String timestamp(long epochMs) {
        return ISO.format(Instant.ofEpochMilli(epochMs));
    }

    /** Serializes {@code values} (in {@code table}'s column order) to UTF-8 JSON. */
    public static byte[] write(TaTable table, Object[] values) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FACTORY.createGenerator(bytes)) {
            g.writeStartObject();
            for (int i = 0; i < values.length; i++) {
                TaTable.Column column = table.columns().get(i);
                Object v = values[i];
                g.writeFieldName(column.name());
                if (v == null) {
                    g.writeNull();
                } else if (column.type().isTimestamp()) {
                    g.writeString(timestamp((Long) v));
                } else if (column.type() == ColumnType.BOOL) {
                    g.writeBoolean(((Integer) v) != 0);
                } else if (v instanceof Double d) {
                    g.writeNumber(d);
                } else if (v instanceof Long l) {
                    g.writeNumber(l);
                } else if (v instanceof Integer n) {
                    g.writeNumber(n);
                } else {
                    g.writeString(v.toString());
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
