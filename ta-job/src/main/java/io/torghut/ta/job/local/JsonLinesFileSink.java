package io.torghut.ta.job.local;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.util.function.SerializableFunction;

/**
 * The local run's output: one JSONL file per subtask, {@code <dir>/<name>-<subtask>.jsonl}, in the
 * same JSON as the Kafka topics. Flushed on every checkpoint and at the end. For local runs only:
 * after a restart it appends again (at-least-once), and its progress counters are per JVM.
 */
public final class JsonLinesFileSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    /** Rows written per sink name in this JVM, for the local run's progress line. */
    public static final ConcurrentHashMap<String, AtomicLong> WRITTEN = new ConcurrentHashMap<>();

    private final String dir;
    private final String name;
    private final SerializableFunction<T, byte[]> json;

    /** Creates a sink writing {@code name-<subtask>.jsonl} files under {@code dir}. */
    public JsonLinesFileSink(Path dir, String name, SerializableFunction<T, byte[]> json) {
        this.dir = dir.toAbsolutePath().toString();
        this.name = name;
        this.json = json;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        int subtask = context.getTaskInfo().getIndexOfThisSubtask();
        Path file = Paths.get(dir).resolve(name + "-" + subtask + ".jsonl");
        Files.createDirectories(file.getParent());
        BufferedWriter out =
                Files.newBufferedWriter(
                        file,
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
        AtomicLong counter = WRITTEN.computeIfAbsent(name, k -> new AtomicLong());
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context context) throws IOException {
                out.write(new String(json.apply(element), StandardCharsets.UTF_8));
                out.write('\n');
                counter.incrementAndGet();
            }

            @Override
            public void flush(boolean endOfInput) throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }
}
