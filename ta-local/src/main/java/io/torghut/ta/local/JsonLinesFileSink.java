package io.torghut.ta.local;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.util.function.SerializableFunction;

/**
 * The local run's output: one JSONL file per subtask, {@code <dir>/<name>-<subtask>.jsonl}, in the
 * same JSON as the Kafka topics. Flushed on every checkpoint, at the end, and at least once a
 * second while rows arrive, so {@link LineCount} can show the progress of a running job from the
 * files alone. For local runs only: after a restart it appends again (at-least-once).
 */
public final class JsonLinesFileSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    private static final long FLUSH_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

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
        return new SinkWriter<>() {
            private long flushed = System.nanoTime();

            @Override
            public void write(T element, Context context) throws IOException {
                out.write(new String(json.apply(element), StandardCharsets.UTF_8));
                out.write('\n');
                if (System.nanoTime() - flushed > FLUSH_EVERY_NANOS) {
                    flush(false);
                }
            }

            @Override
            public void flush(boolean endOfInput) throws IOException {
                out.flush();
                flushed = System.nanoTime();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }

    /**
     * Counts the lines of one sink's files ({@code <dir>/<name>-*.jsonl}) as they grow, reading
     * each byte once: the rows the sink has written and flushed since the count was created.
     */
    public static final class LineCount {
        private final Path dir;
        private final String name;
        private final Map<Path, long[]> seen = new HashMap<>();
        private final long before;

        /** Counts the lines added to sink {@code name}'s files under {@code dir} from now on. */
        public LineCount(Path dir, String name) {
            this.dir = dir;
            this.name = name;
            this.before = Files.isDirectory(dir) ? total() : 0;
        }

        /** The lines added to the files since this count was created. */
        public long lines() {
            return total() - before;
        }

        private long total() {
            long total = 0;
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, name + "-*.jsonl")) {
                for (Path f : files) {
                    long[] state = seen.computeIfAbsent(f, k -> new long[2]); // offset, lines
                    try (var ch = Files.newByteChannel(f)) {
                        ch.position(state[0]);
                        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(1 << 16);
                        int n;
                        while ((n = ch.read(buf)) > 0) {
                            for (int i = 0; i < n; i++) {
                                if (buf.get(i) == '\n') {
                                    state[1]++;
                                }
                            }
                            state[0] += n;
                            buf.clear();
                        }
                    }
                    total += state[1];
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the outputs under " + dir, e);
            }
            return total;
        }
    }
}
