package io.torghut.ta.local;

import io.torghut.ta.job.decode.EnvelopeDecoder;
import io.torghut.ta.job.model.InputRecord;
import io.torghut.ta.job.sources.InputKind;
import io.torghut.ta.job.sources.PartitionLateness;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads a JSONL file whose lines are the Kafka values of one input (the wire format), decoding each
 * with the same {@link EnvelopeDecoder} as the Kafka source. Blank lines are skipped.
 */
public final class JsonLinesFormat<T extends InputRecord> extends SimpleStreamFormat<T> {
    private static final long serialVersionUID = 1L;

    private final InputKind kind;
    private final EnvelopeDecoder decoder;
    private final PartitionLateness lateness;

    /** Creates the format for one input; a file is one partition for {@code lateness}. */
    public JsonLinesFormat(InputKind kind, EnvelopeDecoder decoder, PartitionLateness lateness) {
        this.kind = kind;
        this.decoder = decoder;
        this.lateness = lateness;
    }

    @Override
    public StreamFormat.Reader<T> createReader(Configuration config, FSDataInputStream stream) {
        BufferedReader in =
                new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        return new StreamFormat.Reader<>() {
            private long line;

            @Override
            public T read() throws IOException {
                String s;
                while ((s = in.readLine()) != null) {
                    line++;
                    if (!s.isBlank()) {
                        T decoded =
                                kind.decode(
                                        decoder,
                                        s.getBytes(StandardCharsets.UTF_8),
                                        kind.label() + ":" + line);
                        if (lateness != null) {
                            lateness.observe(kind.label(), decoded);
                        }
                        return decoded;
                    }
                }
                return null;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return TypeInformation.of(kind.<T>type());
    }
}
