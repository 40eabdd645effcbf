package io.torghut.ta.job.clickhouse;

import java.io.Serializable;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one value of the job goes into one server column in RowBinary, chosen from the column's real
 * type as {@code system.columns} reports it: {@code LowCardinality} is transparent in RowBinary,
 * {@code Nullable} adds a null-marker byte, {@code DateTime} takes seconds and {@code
 * DateTime64(p)} ticks of 10^-p s, integers their width, little-endian. {@link #resolve} refuses a
 * pairing the job cannot write without losing or corrupting the value, and says why.
 *
 * @param serverType the column's type as the server reports it
 * @param nullable whether the column is Nullable (a marker byte precedes each value)
 * @param base how the value itself is written
 * @param scale for {@link Base#DATETIME64}: the precision p
 */
public record ColumnEncoding(String serverType, boolean nullable, Base base, int scale)
        implements Serializable {
    private static final Pattern WRAPPER = Pattern.compile("(LowCardinality|Nullable)\\((.*)\\)");
    private static final Pattern DATETIME64 = Pattern.compile("DateTime64\\((\\d)(?:,.*)?\\)");
    private static final Pattern DATETIME = Pattern.compile("DateTime(?:\\(.*\\))?");

    /** The written form of a value. */
    public enum Base {
        STRING,
        DATETIME,
        DATETIME64,
        UINT8,
        UINT16,
        UINT32,
        UINT64,
        INT32,
        INT64,
        FLOAT64,
        /** A double rounded to the nearest whole number, written as UInt64. */
        ROUNDED_UINT64
    }

    /**
     * The encoding of a {@code logical} value into a column of {@code serverType}.
     *
     * @throws IllegalArgumentException naming the found type and what the job could write instead
     */
    public static ColumnEncoding resolve(ColumnType logical, String serverType) {
        String t = serverType.trim();
        boolean nullable = false;
        Matcher m;
        while ((m = WRAPPER.matcher(t)).matches()) {
            nullable |= m.group(1).equals("Nullable");
            t = m.group(2).trim();
        }
        if (logical.nullable() && !nullable) {
            throw new IllegalArgumentException(
                    "is "
                            + serverType
                            + " but the job writes NULL for an absent value; expected "
                            + logical.sql(ClickHouseDialect.PRODUCTION));
        }
        Base base = base(logical, t);
        if (base == null) {
            throw new IllegalArgumentException(
                    "is " + serverType + "; expected " + expected(logical));
        }
        int scale = 0;
        if (base == Base.DATETIME64) {
            Matcher d = DATETIME64.matcher(t);
            d.matches();
            scale = Integer.parseInt(d.group(1));
        }
        return new ColumnEncoding(serverType, nullable, base, scale);
    }

    private static Base base(ColumnType logical, String t) {
        switch (logical.value()) {
            case STRING:
                return t.equals("String") ? Base.STRING : null;
            case TIMESTAMP:
                if (DATETIME64.matcher(t).matches()) {
                    return Base.DATETIME64;
                }
                return DATETIME.matcher(t).matches() ? Base.DATETIME : null;
            case UNSIGNED_64:
                return t.equals("UInt64") ? Base.UINT64 : t.equals("Int64") ? Base.INT64 : null;
            case UNSIGNED_32:
                return switch (t) {
                    case "UInt32" -> Base.UINT32;
                    case "UInt64" -> Base.UINT64;
                    case "Int64" -> Base.INT64;
                    default -> null;
                };
            case FLAG:
                return switch (t) {
                    case "UInt8", "Bool" -> Base.UINT8;
                    case "UInt16" -> Base.UINT16;
                    case "UInt32" -> Base.UINT32;
                    case "UInt64" -> Base.UINT64;
                    case "Int32" -> Base.INT32;
                    case "Int64" -> Base.INT64;
                    default -> null;
                };
            case DOUBLE:
                return t.equals("Float64") ? Base.FLOAT64 : null;
            case SIZE:
                return t.equals("Float64")
                        ? Base.FLOAT64
                        : t.equals("UInt64") ? Base.ROUNDED_UINT64 : null;
            default:
                return null;
        }
    }

    /** The types a logical value can be written into, for messages. */
    static String expected(ColumnType logical) {
        String n = logical.nullable() ? "Nullable(%s)" : "%s";
        return switch (logical.value()) {
            case STRING -> String.format(n, "String") + " (LowCardinality allowed)";
            case TIMESTAMP -> String.format(n, "DateTime64(3, 'UTC')") + " or DateTime";
            case UNSIGNED_64 -> String.format(n, "UInt64");
            case UNSIGNED_32 -> String.format(n, "UInt32") + " or UInt64";
            case FLAG -> String.format(n, "UInt8");
            case DOUBLE -> String.format(n, "Float64");
            case SIZE -> String.format(n, "UInt64") + " or " + String.format(n, "Float64");
        };
    }

    /** Writes one value (null only for a nullable logical type). */
    public void write(RowBinaryBuffer out, Object value) {
        if (nullable) {
            if (value == null) {
                out.writeByte(1);
                return;
            }
            out.writeByte(0);
        } else if (value == null) {
            throw new IllegalArgumentException(
                    "NULL for the non-Nullable column type " + serverType);
        }
        switch (base) {
            case STRING -> out.writeString((String) value);
            case DATETIME -> out.writeInt((int) Math.floorDiv(((Number) value).longValue(), 1000L));
            case DATETIME64 -> out.writeLong(ticks(((Number) value).longValue(), scale));
            case UINT8 -> out.writeByte(((Number) value).intValue());
            case UINT16 -> out.writeShort(((Number) value).intValue());
            case UINT32, INT32 -> out.writeInt((int) ((Number) value).longValue());
            case UINT64, INT64 -> out.writeLong(((Number) value).longValue());
            case FLOAT64 -> out.writeDouble(((Number) value).doubleValue());
            case ROUNDED_UINT64 -> out.writeLong(Math.round(((Number) value).doubleValue()));
        }
    }

    /** Epoch milliseconds as ticks of a {@code DateTime64(scale)}. */
    static long ticks(long epochMs, int scale) {
        if (scale >= 3) {
            long factor = 1;
            for (int i = 3; i < scale; i++) {
                factor *= 10;
            }
            return epochMs * factor;
        }
        long divisor = 1;
        for (int i = scale; i < 3; i++) {
            divisor *= 10;
        }
        return Math.floorDiv(epochMs, divisor);
    }

    @Override
    public String toString() {
        return serverType + " as " + base.name().toLowerCase(Locale.ROOT);
    }
}
