package io.torghut.ta.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local run's JSONL outputs as chart rows. */
class JsonLinesRowsSourceTest {
    private static final Instant START = Instant.parse("2026-03-03T14:30:00Z");

    @Test
    void readsEveryRowOfTheAskedSymbolsInTheRangeAndTheNewestEventTimeOfAll(@TempDir Path dir)
            throws Exception {
        List<ChartRow> rows = new ArrayList<>(ChartFixtures.rows("AAPL", START, 120, 100));
        rows.addAll(ChartFixtures.rows("MSFT", START, 30, 300));
        ChartFixtures.writeJsonLines(dir, rows);

        SourceRows all = new JsonLinesRowsSource(dir).read(ChartQuery.all());
        assertThat(all.rows()).containsExactlyInAnyOrderElementsOf(rows);

        TimeRange minute = new TimeRange(START.plusSeconds(30), START.plusSeconds(60));
        SourceRows some =
                new JsonLinesRowsSource(dir)
                        .read(ChartQuery.all().withSymbols(List.of("AAPL")).withRange(minute));
        assertThat(some.rows())
                .isNotEmpty()
                .allMatch(r -> r.symbol().equals("AAPL") && minute.contains(r.windowStartMs()));
        assertThat(some.rows())
                .hasSize(
                        (int)
                                rows.stream()
                                        .filter(r -> r.symbol().equals("AAPL"))
                                        .filter(r -> minute.contains(r.windowStartMs()))
                                        .count());
        // The newest event time is the symbol's, outside the range too: that is its freshness.
        long newest =
                rows.stream()
                        .filter(r -> r.symbol().equals("AAPL"))
                        .mapToLong(ChartRow::eventTsMs)
                        .max()
                        .orElseThrow();
        assertThat(some.newestEventTsMs()).containsOnlyKeys("AAPL").containsEntry("AAPL", newest);
    }

    @Test
    void anIdentityWrittenTwiceIsReadAsItsNewestVersion(@TempDir Path dir) throws Exception {
        List<ChartRow> first = ChartFixtures.rows("AAPL", START, 3, 100);
        ChartFixtures.writeJsonLines(dir, first);
        ChartRow bar = first.get(0);
        java.util.Map<String, Double> v = new java.util.LinkedHashMap<>(bar.values());
        v.put("c", 555.0);
        ChartRow newer =
                new ChartRow(
                        bar.kind(),
                        bar.symbol(),
                        bar.windowSize(),
                        bar.windowStartMs(),
                        bar.eventTsMs(),
                        bar.ingestTsMs() + 1,
                        v);
        // A restored run appends to the file it continues.
        Files.writeString(
                dir.resolve("bars-1.jsonl"),
                new com.fasterxml.jackson.databind.ObjectMapper()
                                .writeValueAsString(ChartFixtures.json(newer))
                        + "\n",
                StandardCharsets.UTF_8);
        SourceRows read = new JsonLinesRowsSource(dir).read(ChartQuery.all());
        assertThat(read.rows())
                .filteredOn(r -> r.identity().equals(bar.identity()))
                .containsExactly(newer);
    }

    @Test
    void aDirectoryWithoutOutputsOrAMalformedLineIsRefusedNamingIt(@TempDir Path dir)
            throws Exception {
        assertThatThrownBy(() -> new JsonLinesRowsSource(dir).read(ChartQuery.all()))
                .isInstanceOf(RowsUnavailableException.class)
                .hasMessageContaining("no bars-*.jsonl or signals-*.jsonl in " + dir);
        assertThatThrownBy(
                        () -> new JsonLinesRowsSource(dir.resolve("absent")).read(ChartQuery.all()))
                .hasMessageContaining("no directory");
        ChartFixtures.writeJsonLines(dir, ChartFixtures.rows("AAPL", START, 3, 100));
        Files.writeString(
                dir.resolve("signals-0.jsonl"),
                "{\"symbol\":\"AAPL\",\"window_size\":\"PT1S\"}\n",
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> new JsonLinesRowsSource(dir).read(ChartQuery.all()))
                .isInstanceOf(RowsUnavailableException.class)
                .hasMessageContaining("signals-0.jsonl line 5 is not an output row: no field macd");
    }
}
