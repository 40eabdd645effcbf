package io.torghut.ta.replay.cli;

import io.torghut.ta.replay.workflow.Mode;
import java.util.Iterator;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --mode} by the ids the ledger and the commands use ({@code mode1}, {@code mode2}). */
public final class ModeConverter implements ITypeConverter<Mode> {
    @Override
    public Mode convert(String value) {
        return Mode.fromId(value)
                .orElseThrow(
                        () ->
                                new TypeConversionException(
                                        "expected one of "
                                                + Mode.ids()
                                                + " but was '"
                                                + value
                                                + "'"));
    }

    /** The candidates shown in the help ({@code ${COMPLETION-CANDIDATES}}). */
    public static final class Ids implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Mode.ids().iterator();
        }
    }
}
