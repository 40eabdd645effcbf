package io.torghut.ta.replay.cli;

import io.torghut.ta.replay.workflow.ReplayIds;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Rejects a malformed ticket id at parse time. */
public final class TicketConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
        String problem = ReplayIds.ticketProblem(value);
        if (problem != null) {
            throw new TypeConversionException(problem);
        }
        return value;
    }
}
