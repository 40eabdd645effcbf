package io.torghut.ta.chart;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local run's outputs: {@code bars-<n>.jsonl} and {@code signals-<n>.jsonl} in one directory,
 * one JSON object a line whose field names are the ClickHouse columns. A restored run appends to
 * the files it continues, so an identity can appear twice: the newest {@code ingest_ts} wins, as in
 * ClickHouse.
 */
public final class JsonLinesRowsSource implements RowsSource {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;

    /** The outputs in {@code directory}. */
    public JsonLinesRowsSource(Path directory) {
        this.directory = directory;
    }

    @Override
    public String describe() {
        return "JSONL files " + directory.resolve("{bars,signals}-*.jsonl");
    }

    @Override
    public SourceRows read(ChartQuery query) throws RowsUnavailableException {
        if (!Files.isDirectory(directory)) {
            throw new RowsUnavailableException("no directory " + directory);
        }
        Map<ChartRow.Identity, ChartRow> rows = new LinkedHashMap<>();
        Map<String, Long> newest = new HashMap<>();
        int files = 0;
        for (OutputKind kind : OutputKind.values()) {
            for (Path file : files(kind)) {
                files++;
                readFile(kind, file, query, rows, newest);
            }
        }
        if (files == 0) {
            throw new RowsUnavailableException(
                    "no bars-*.jsonl or signals-*.jsonl in "
                            + directory
                            + ": is it the output directory of a local run?");
        }
        return new SourceRows(new ArrayList<>(rows.values()), newest);
    }

    private List<Path> files(OutputKind kind) throws RowsUnavailableException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s =
                Files.newDirectoryStream(directory, kind.fileStem() + "-*.jsonl")) {
            s.forEach(out::add);
        } catch (IOException e) {
            throw new RowsUnavailableException("cannot list " + directory + ": " + e, e);
        }
        out.sort(null);
        return out;
    }

    private static void readFile(
            OutputKind kind,
            Path file,
            ChartQuery query,
            Map<ChartRow.Identity, ChartRow> rows,
            Map<String, Long> newest)
            throws RowsUnavailableException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                ChartRow row;
                try {
                    row = parse(kind, JSON.readTree(line));
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    throw new RowsUnavailableException(
                            file + " line " + number + " is not an output row: " + e.getMessage(),
                            e);
                }
                if (!query.wants(row.symbol())) {
                    continue;
                }
                newest.merge(row.symbol(), row.eventTsMs(), Math::max);
                if (query.range().contains(row.windowStartMs())) {
                    rows.merge(row.identity(), row, Newest::of);
                }
            }
        } catch (IOException e) {
            throw new RowsUnavailableException("cannot read " + file + ": " + e, e);
        }
    }

    /** One JSON row of {@code kind}; fails naming the field that is missing or malformed. */
    static ChartRow parse(OutputKind kind, JsonNode n) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String column : kind.valueColumns()) {
            JsonNode v = n.get(column);
            if (v == null) {
                throw new IllegalArgumentException("no field " + column);
            }
            if (!v.isNull() && !v.isNumber()) {
                throw new IllegalArgumentException(column + " is not a number: " + v);
            }
            values.put(column, v.isNull() ? null : v.doubleValue());
        }
        return new ChartRow(
                kind,
                text(n, "symbol"),
                text(n, "window_size"),
                Timestamps.parseMs(text(n, "window_start")),
                Timestamps.parseMs(text(n, "event_ts")),
                Timestamps.parseMs(text(n, "ingest_ts")),
                values);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("no text field " + field);
        }
        return v.asText();
    }
}
