package io.torghut.ta.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link ClickHouseServer}: the real 18.16 server, JDBC batches and restarts. */
class ClickHouseServerITCase {

    @TempDir Path dir;

    @Test
    void replacingMergeTreeBatchInsertDeduplicatesWithFinalAndSurvivesRestart() throws Exception {
        try (ClickHouseServer ch = ClickHouseServer.start(dir)) {
            ch.execute(
                    "CREATE TABLE bars (symbol String, ts DateTime, close Decimal(18,8),"
                            + " ver UInt64) ENGINE = ReplacingMergeTree(ver)"
                            + " PARTITION BY toYYYYMM(ts) ORDER BY (symbol, ts)");
            insert(ch, 1000, 1, "1.00000000");
            insert(ch, 100, 2, "2.50000000"); // re-insert the first 100 rows, newer version

            assertThat(ch.queryStrings("SELECT count() FROM bars FINAL"))
                    .containsExactly(List.of("1000"));
            assertThat(
                            ch.queryStrings(
                                    "SELECT count() FROM bars FINAL WHERE ver = 2"
                                            + " AND close = toDecimal64('2.5', 8)"))
                    .containsExactly(List.of("100"));

            int http = ch.httpPort();
            ch.stop();
            assertThat(ch.isRunning()).isFalse();
            assertThat(ch.ping()).isFalse();

            ch.start();
            assertThat(ch.httpPort()).isEqualTo(http);
            assertThat(ch.queryStrings("SELECT count(), max(ver) FROM bars FINAL"))
                    .containsExactly(List.of("1000", "2"));
        }
    }

    private static void insert(ClickHouseServer ch, int rows, long version, String close) {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            values.append(i == 0 ? "" : ", ")
                    .append("('SYM")
                    .append(i % 10)
                    .append("', toDateTime(")
                    .append(1_767_225_600L + i)
                    .append(", 'UTC'), toDecimal64('")
                    .append(close)
                    .append("', 8), ")
                    .append(version)
                    .append(')');
        }
        ch.execute("INSERT INTO bars (symbol, ts, close, ver) VALUES " + values);
    }

    @Test
    void aReadOnlyUserCanReadButNotWriteUntilSwitchedBack() {
        try (ClickHouseServer ch = ClickHouseServer.start(dir)) {
            ch.execute("CREATE TABLE t (x UInt8) ENGINE = MergeTree ORDER BY x");
            ch.setReadOnly("default", true);
            assertThat(ch.queryStrings("SELECT count() FROM t")).containsExactly(List.of("0"));
            assertThatThrownBy(() -> ch.execute("INSERT INTO t VALUES (1)"))
                    .hasMessageContaining("Code: 164")
                    .hasMessageContaining("readonly mode");
            ch.setReadOnly("default", false);
            ch.execute("INSERT INTO t VALUES (1)");
            assertThat(ch.queryStrings("SELECT count() FROM t")).containsExactly(List.of("1"));
        }
    }

    @Test
    void passwordUserNeedsItsPasswordWhichIsNotStoredInClear() throws Exception {
        String secret = "s3cr3t-" + System.nanoTime();
        try (ClickHouseServer ch =
                ClickHouseServer.builder(dir).withUser("writer", secret).start()) {
            try (var c = ch.client("default", "writer", secret)) {
                assertThat(c.select("SELECT 1")).containsExactly(List.of("1"));
            }
            assertThatThrownBy(
                            () -> {
                                try (var c = ch.client("default", "writer", "wrong")) {
                                    c.select("SELECT 1");
                                }
                            })
                    .hasMessageContaining("writer")
                    .hasMessageNotContaining("wrong");
            assertThat(Files.readString(dir.resolve("users.xml"))).doesNotContain(secret);
        }
    }

    @Test
    void missingBinaryFailsWithInstallHintInsteadOfSkipping() {
        Path nowhere = dir.resolve("no-such-bin");
        assertThatThrownBy(
                        () ->
                                ClickHouseServer.locateBinary(
                                        java.util.Map.of("PATH", nowhere.toString()),
                                        List.of(nowhere.resolve("clickhouse-server"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("apt-get install -y clickhouse-server");
        assertThat(ClickHouseServer.locateBinary()).isExecutable();
    }
}
