package io.torghut.ta.job.sinks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.torghut.ta.core.bars.Bar;
import io.torghut.ta.core.signals.SignalRow;
import io.torghut.ta.job.clickhouse.RowValues;
import io.torghut.ta.job.clickhouse.TaTables;
import io.torghut.ta.job.model.DeadLetter;
import java.io.UncheckedIOException;

/** The JSON bodies of every output topic. */
public final class OutputFormats {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OutputFormats() {}

    /** A 1 s bar as {@code torghut.ta.bars.1s.v1} JSON, written now. */
    public static byte[] barJson(Bar b) {
        return RowJson.write(TaTables.MICROBARS, RowValues.bar(b, System.currentTimeMillis()));
    }

    /** A signal row as {@code torghut.ta.signals.v1} JSON, written now. */
    public static byte[] signalJson(SignalRow r) {
        return RowJson.write(TaTables.SIGNALS, RowValues.signal(r, System.currentTimeMillis()));
    }

    /** A dead letter as JSON. */
    public static byte[] deadLetterJson(DeadLetter d) {
        try {
            return MAPPER.writeValueAsBytes(d);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
