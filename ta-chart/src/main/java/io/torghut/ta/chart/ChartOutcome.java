package io.torghut.ta.chart;

import java.nio.file.Path;
import java.util.List;

/**
 * What writing a chart came to: the page written (in every state, so a person opening it reads what
 * happened), the state, a line for the terminal, and the exit code a command returns.
 *
 * @param state the page's state
 * @param page the file written
 * @param message what happened, for the terminal (never a password)
 * @param differing for a parity chart, the identities that differ; 0 otherwise
 * @param symbolsWithoutRows the symbols asked for that have no row in the range
 */
public record ChartOutcome(
        ChartPage.State state,
        Path page,
        String message,
        int differing,
        List<String> symbolsWithoutRows) {
    /** Copies the symbols. */
    public ChartOutcome {
        symbolsWithoutRows = List.copyOf(symbolsWithoutRows);
    }

    /** Exit code: the chart is written and every symbol asked for has rows. */
    public static final int OK = 0;

    /** Exit code: a symbol asked for, or the whole range, has no rows. */
    public static final int NO_DATA = 3;

    /** Exit code: the rows could not be read (e.g. ClickHouse unreachable). */
    public static final int SOURCE_FAILED = 4;

    /** {@link #OK}, {@link #NO_DATA} or {@link #SOURCE_FAILED}. */
    public int exitCode() {
        return switch (state) {
            case CHART -> symbolsWithoutRows.isEmpty() ? OK : NO_DATA;
            case EMPTY -> NO_DATA;
            case ERROR -> SOURCE_FAILED;
        };
    }
}
