package io.torghut.ta.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./run-local.sh --input kafka} against a broker address where nothing listens, as a user
 * with a wrong {@code TA_KAFKA_BOOTSTRAP} starts it (its own process, its own environment): after
 * the bounded wait ({@code TA_KAFKA_CONNECT_TIMEOUT_MS}) it says which addresses it tried and what
 * happened there, and exits with code 2, instead of printing "0 bars" forever.
 */
class LocalRunUnreachableKafkaITCase {
    @Test
    void theLocalRunNamesTheBrokersItTriedAndExits(@TempDir Path dir) throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.torghut.ta.local.LocalRunCommand");
        command.add("--input");
        command.add("kafka");
        command.add("--output-dir");
        command.add(dir.resolve("out").toString());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.redirectOutput(dir.resolve("run.log").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("TA_"));
        pb.environment().put("TA_KAFKA_BOOTSTRAP", "127.0.0.1:" + closed);
        pb.environment().put("TA_KAFKA_SECURITY", "PLAINTEXT");
        pb.environment().put("TA_KAFKA_CONNECT_TIMEOUT_MS", "2000");
        long started = System.nanoTime();
        Process p = pb.start();
        boolean ended = p.waitFor(90, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor();
        }
        String output = read(dir.resolve("run.log"));
        assertThat(ended).as("the local run ended by itself:\n%s", output).isTrue();
        assertThat(p.exitValue()).as(output).isEqualTo(2);
        assertThat(output)
                .contains("No Kafka broker answered within")
                .contains("TA_KAFKA_CONNECT_TIMEOUT_MS=2000")
                .contains("Tried TA_KAFKA_BOOTSTRAP=127.0.0.1:" + closed + " as PLAINTEXT")
                .contains("127.0.0.1:" + closed + ": 127.0.0.1 refused")
                .doesNotContain("0 bars");
        System.out.printf(
                "local run --input kafka against a closed port: exit 2 after %d ms%n",
                (System.nanoTime() - started) / 1_000_000);
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
