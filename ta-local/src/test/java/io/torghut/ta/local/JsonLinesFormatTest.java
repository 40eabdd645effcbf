package io.torghut.ta.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.job.model.TradeEvent;
import io.torghut.ta.job.sources.InputKind;
import io.torghut.ta.job.sources.KafkaSources;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link JsonLinesFormat}: the file input decodes and marks late trades like Kafka. */
class JsonLinesFormatTest {
    @Test
    void readsEveryLineAndMarksTheTapesLateTrades(@TempDir Path dir) throws Exception {
        TapeGenerator.Tape tape =
                TapeGenerator.generate(TapeGenerator.Options.defaults().withMinutes(4));
        tape.write(dir);
        TaConfig config = TaConfig.fromEnv(Map.of("TA_KAFKA_SECURITY", "PLAINTEXT"));
        JsonLinesFormat<TradeEvent> format =
                new JsonLinesFormat<>(
                        InputKind.TRADES,
                        KafkaSources.decoder(config),
                        KafkaSources.lateness(config, InputKind.TRADES));
        org.apache.flink.core.fs.Path path =
                new org.apache.flink.core.fs.Path(dir.resolve("trades.jsonl").toUri());
        int late = 0;
        int records = 0;
        try (FSDataInputStream in = FileSystem.getLocalFileSystem().open(path);
                StreamFormat.Reader<TradeEvent> reader =
                        format.createReader(new Configuration(), in)) {
            TradeEvent e;
            while ((e = reader.read()) != null) {
                records++;
                late += e.lateInPartition ? 1 : 0;
            }
        }
        assertThat(records).isEqualTo(tape.trades().size() - 2); // two blank (EMPTY) lines
        assertThat(late).isEqualTo(tape.lateTrades().size());
    }
}
