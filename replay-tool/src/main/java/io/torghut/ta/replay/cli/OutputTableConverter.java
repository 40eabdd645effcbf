package io.torghut.ta.replay.cli;

import io.torghut.ta.replay.clickhouse.OutputTable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** An output table by its ClickHouse name ({@code ta_microbars}, {@code ta_signals}). */
public final class OutputTableConverter implements ITypeConverter<OutputTable> {
    @Override
    public OutputTable convert(String value) {
        return OutputTable.fromName(value)
                .orElseThrow(
                        () ->
                                new TypeConversionException(
                                        "expected one of "
                                                + OutputTable.names()
                                                + " but was '"
                                                + value
                                                + "'"));
    }
}
