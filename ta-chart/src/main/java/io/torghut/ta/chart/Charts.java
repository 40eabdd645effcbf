package io.torghut.ta.chart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Writes the chart of a query: reads the rows, builds the model, picks the page's state and writes
 * the page. Every outcome writes a page, so the file a person opens never shows an older chart:
 * rows (exit 0), no rows for a symbol or the range (the page says so; exit 3), rows that could not
 * be read (the page says from where and why; exit 4).
 */
public final class Charts {
    private Charts() {}

    /** The chart of {@code query} over {@code source}, written to {@code page} at {@code clock}. */
    public static ChartOutcome write(RowsSource source, ChartQuery query, Path page, Clock clock) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        SourceRows rows;
        try {
            rows = source.read(query);
        } catch (RowsUnavailableException e) {
            return failed(page, "TA chart", source.describe(), e, now);
        }
        ChartModel model = ChartModel.of(rows, query, source.describe(), now);
        return written(page, model);
    }

    /**
     * The parity chart of one symbol: {@code live} against {@code replayed} over the query's range,
     * the identities that differ marked. Exit 0 when written with rows on either side, whatever
     * they compare to ({@link ChartOutcome#differing()} says): the verdict is the caller's.
     */
    public static ChartOutcome writeParity(
            RowsSource live, RowsSource replayed, ChartQuery query, Path page, Clock clock) {
        if (query.symbols().size() != 1) {
            throw new IllegalArgumentException(
                    "a parity chart is of one symbol, got " + query.symbols());
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String title = "Replay parity: " + query.symbols().get(0);
        SourceRows liveRows;
        SourceRows replayedRows;
        try {
            liveRows = live.read(query);
        } catch (RowsUnavailableException e) {
            return failed(page, title, live.describe(), e, now);
        }
        try {
            replayedRows = replayed.read(query);
        } catch (RowsUnavailableException e) {
            return failed(page, title, replayed.describe(), e, now);
        }
        ChartModel model =
                ChartModel.parity(
                        liveRows, live.describe(), replayedRows, replayed.describe(), query, now);
        return written(page, model);
    }

    private static ChartOutcome written(Path page, ChartModel model) {
        write(page, ChartPage.of(model));
        int differing = model.parity() == null ? 0 : model.parity().result().differences().size();
        if (!model.hasRows()) {
            return new ChartOutcome(
                    ChartPage.State.EMPTY,
                    page,
                    ChartPage.noDataMessage(model),
                    differing,
                    model.symbolsWithoutRows());
        }
        List<String> missing = model.symbolsWithoutRows();
        String message =
                missing.isEmpty()
                        ? "Chart of "
                                + String.join(
                                        ", ",
                                        model.symbols().stream()
                                                .map(ChartModel.SymbolView::symbol)
                                                .toList())
                                + (model.parity() == null
                                        ? ""
                                        : ": "
                                                + differing
                                                + " of "
                                                + model.parity().result().compared()
                                                + " identities differ")
                                + " written to "
                                + page
                        : ChartPage.noDataMessage(model) + " Chart written to " + page;
        return new ChartOutcome(ChartPage.State.CHART, page, message, differing, missing);
    }

    private static ChartOutcome failed(
            Path page, String title, String source, RowsUnavailableException e, Instant now) {
        write(page, ChartPage.error(title, source, e.getMessage(), now));
        return new ChartOutcome(
                ChartPage.State.ERROR,
                page,
                "Cannot read the rows: " + e.getMessage() + " (error page written to " + page + ")",
                0,
                List.of());
    }

    private static void write(Path page, String html) {
        try {
            Path parent = page.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(page, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chart " + page, e);
        }
    }
}
