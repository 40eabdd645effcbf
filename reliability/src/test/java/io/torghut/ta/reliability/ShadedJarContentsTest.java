package io.torghut.ta.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The shaded job JAR (what the image ships) writes ClickHouse through ClickHouse's official client
 * only: neither the legacy {@code ru.yandex} driver, nor any JDBC driver, nor Flink's JDBC
 * connector is in it; and it carries the cluster job only: the local run (ta-local, with its
 * generated tape, JSONL sinks and picocli) stays out.
 */
class ShadedJarContentsTest {
    @Test
    void theJobJarHoldsTheOfficialClientAndNoJdbcPath() throws IOException {
        Path jar = Path.of(System.getProperty("ta.job.jar"));
        assertThat(jar).as("the shaded job JAR built by ta-job's package phase").isRegularFile();
        try (JarFile f = new JarFile(jar.toFile())) {
            List<String> names = f.stream().map(JarEntry::getName).toList();
            assertThat(names)
                    .contains(
                            "com/clickhouse/client/api/Client.class",
                            "io/torghut/ta/job/sinks/ClickHouseSink.class",
                            "io/torghut/ta/job/clickhouse/HttpClickHouse.class")
                    .noneMatch(n -> n.startsWith("ru/yandex/"))
                    .noneMatch(n -> n.startsWith("org/apache/flink/connector/jdbc/"))
                    .noneMatch(n -> n.startsWith("com/clickhouse/jdbc/"))
                    .noneMatch(n -> n.equals("META-INF/services/java.sql.Driver"));
        }
    }

    @Test
    void theJobJarCarriesTheClusterJobAndNotTheLocalRun() throws IOException {
        Path jar = Path.of(System.getProperty("ta.job.jar"));
        try (JarFile f = new JarFile(jar.toFile())) {
            List<String> names = f.stream().map(JarEntry::getName).toList();
            assertThat(names)
                    .contains("io/torghut/ta/job/TaJob.class", "io/torghut/ta/job/TaTopology.class")
                    .noneMatch(n -> n.startsWith("io/torghut/ta/local/"))
                    .noneMatch(n -> n.startsWith("picocli/"));
        }
    }
}
