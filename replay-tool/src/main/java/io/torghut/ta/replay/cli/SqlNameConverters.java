package io.torghut.ta.replay.cli;

import io.torghut.ta.replay.clickhouse.VerifyQueries;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converters for the values {@code verify} puts into SQL, so an unsafe one is a usage error at
 * parse time rather than a failure in the middle of the run.
 */
public final class SqlNameConverters {
    private SqlNameConverters() {}

    /** A ClickHouse database name. */
    public static final class Database implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return check(VerifyQueries.databaseProblem(value), value);
        }
    }

    /** A ticker symbol. */
    public static final class Symbol implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return check(VerifyQueries.symbolProblem(value), value);
        }
    }

    /** A positive number of minutes. */
    public static final class PositiveMinutes implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int n;
            try {
                n = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a number of minutes");
            }
            if (n <= 0) {
                throw new TypeConversionException("minutes must be positive, got " + n);
            }
            return n;
        }
    }

    private static String check(String problem, String value) {
        if (problem != null) {
            throw new TypeConversionException(problem);
        }
        return value;
    }
}
