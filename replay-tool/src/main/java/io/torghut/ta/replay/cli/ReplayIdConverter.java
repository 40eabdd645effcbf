package io.torghut.ta.replay.cli;

import io.torghut.ta.replay.workflow.ReplayIds;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Rejects a malformed REPLAY_ID at parse time, with the rule in the message. */
public final class ReplayIdConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
        String problem = ReplayIds.replayIdProblem(value);
        if (problem != null) {
            throw new TypeConversionException(problem);
        }
        return value;
    }
}
