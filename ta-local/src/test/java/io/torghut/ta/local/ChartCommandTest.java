package io.torghut.ta.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.chart.Lane;
import io.torghut.ta.chart.TimeRange;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run-local.sh chart}: its options, the file it writes and its exit codes. */
class ChartCommandTest {
    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-03-03T15:00:00Z"), ZoneOffset.UTC);

    /** A run's outputs: two 1 s bars and their signals of AAPL, as the job writes them. */
    static void outputs(Path dir) throws Exception {
        Files.createDirectories(dir);
        StringBuilder bars = new StringBuilder();
        StringBuilder signals = new StringBuilder();
        for (int s = 0; s < 2; s++) {
            String start = "2026-03-03T14:30:0" + s + ".000Z";
            String end = "2026-03-03T14:30:0" + (s + 1) + ".000Z";
            String head =
                    "{\"symbol\":\"AAPL\",\"event_ts\":\""
                            + end
                            + "\",\"ingest_ts\":\""
                            + end
                            + "\",\"seq\":1,\"is_final\":true,\"source\":\"ta\",\"window_size\":"
                            + "\"PT1S\",\"window_step\":\"PT1S\",\"window_start\":\""
                            + start
                            + "\",\"window_end\":\""
                            + end
                            + "\",\"version\":1,";
            bars.append(head)
                    .append("\"o\":10,\"h\":11,\"l\":9,\"c\":10.5,\"v\":100,\"vwap\":10.2,")
                    .append("\"count\":3}\n");
            signals.append(head);
            for (String c : io.torghut.ta.chart.OutputKind.SIGNALS.valueColumns()) {
                signals.append('"')
                        .append(c)
                        .append("\":")
                        .append(c.equals("ema12") ? "10.1" : "null")
                        .append(',');
            }
            signals.append("\"microstructure_signal_v1\":null}\n");
        }
        Files.writeString(dir.resolve("bars-0.jsonl"), bars, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("signals-0.jsonl"), signals, StandardCharsets.UTF_8);
    }

    record Run(int exit, String out, String err) {}

    static Run chart(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ChartCommand.run(env, CLOCK, new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void aRunsOutputsAreChartedBesideThemAndThePathIsPrinted(@TempDir Path dir) throws Exception {
        outputs(dir);
        Run run = chart(Map.of(), "--jsonl", dir.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out())
                .contains("Chart of AAPL written to " + dir.resolve("chart.html"))
                .contains("chart: " + dir.resolve("chart.html"));
        String html = Files.readString(dir.resolve("chart.html"), StandardCharsets.UTF_8);
        assertThat(html)
                .contains("\"state\":\"chart\"")
                .contains("TradingView Lightweight Charts")
                .doesNotContain("<script src");
    }

    @Test
    void aSymbolWithoutRowsExitsThreeAndTheWrittenPageSaysSo(@TempDir Path dir) throws Exception {
        outputs(dir);
        Path page = dir.resolve("z.html");
        Run run =
                chart(
                        Map.of(),
                        "--jsonl",
                        dir.toString(),
                        "--symbols",
                        "ZZZZ",
                        "--out",
                        page.toString());
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("No data: JSONL files", "of ZZZZ in all times.");
        assertThat(Files.readString(page, StandardCharsets.UTF_8)).contains("\"state\":\"empty\"");

        Run range =
                chart(
                        Map.of(),
                        "--jsonl",
                        dir.toString(),
                        "--from",
                        "2026-03-03T14:31:00Z",
                        "--out",
                        page.toString());
        assertThat(range.exit()).isEqualTo(3);
        assertThat(range.err()).contains("in [2026-03-03T14:31:00Z, end).");
    }

    @Test
    void anUnreachableClickHouseExitsFourNamingTheEndpointNotThePassword(@TempDir Path dir)
            throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path page = dir.resolve("ch.html");
        Run run =
                chart(
                        Map.of(
                                "TA_CLICKHOUSE_URL",
                                "jdbc:clickhouse://127.0.0.1:" + port + "/torghut",
                                "TA_CLICKHOUSE_PASSWORD",
                                "pw-Lx4-never-shown"),
                        "--clickhouse",
                        "--symbols",
                        "AAPL",
                        "--out",
                        page.toString());
        assertThat(run.exit()).isEqualTo(4);
        assertThat(run.err())
                .contains("ClickHouse http://127.0.0.1:" + port + " (database torghut) as torghut")
                .doesNotContain("pw-Lx4-never-shown");
        assertThat(Files.readString(page, StandardCharsets.UTF_8))
                .contains("\"state\":\"error\"")
                .doesNotContain("pw-Lx4-never-shown");
    }

    @Test
    void badOptionsExitTwoNamingWhatIsWrong(@TempDir Path dir) throws Exception {
        assertThat(chart(Map.of(), "--clickhouse").err()).contains("TA_CLICKHOUSE_URL is not set");
        assertThat(chart(Map.of(), "--clickhouse").exit()).isEqualTo(2);
        Run lane = chart(Map.of(), "--jsonl", dir.toString(), "--lane", "5m");
        assertThat(lane.exit()).isEqualTo(2);
        assertThat(lane.err()).contains("lane '5m' is not one of 1s, 1m");
        Run parity = chart(Map.of(), "--jsonl", dir.toString(), "--replayed", dir.toString());
        assertThat(parity.exit()).isEqualTo(2);
        assertThat(parity.err()).contains("a parity chart (--replayed) is of one symbol");
        Run backwards =
                chart(Map.of(), "--from", "2026-03-03T15:00:00Z", "--to", "2026-03-03T14:00:00Z");
        assertThat(backwards.exit()).isEqualTo(2);
        assertThat(backwards.err()).contains("is not after its start");
    }

    @Test
    void twoRunsOutputsMakeAParityChartBesideTheLiveOnes(@TempDir Path dir) throws Exception {
        outputs(dir.resolve("live"));
        outputs(dir.resolve("replayed"));
        Run run =
                chart(
                        Map.of(),
                        "--jsonl",
                        dir.resolve("live").toString(),
                        "--replayed",
                        dir.resolve("replayed").toString(),
                        "--symbols",
                        "AAPL");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("Chart of AAPL: 0 of 4 identities differ written to");
        assertThat(dir.resolve("live/parity-chart.html")).exists();
    }

    @Test
    void clickHouseWithoutARangeChartsTheLastHourAndFilesEverything() {
        LocalChart.Options ch =
                new LocalChart.Options(
                        Path.of("x"),
                        true,
                        null,
                        List.of(),
                        null,
                        null,
                        Lane.SECOND,
                        Duration.ofMinutes(2),
                        null);
        assertThat(LocalChart.range(ch, CLOCK))
                .isEqualTo(
                        new TimeRange(
                                Instant.parse("2026-03-03T14:00:00Z"),
                                Instant.parse("2026-03-03T15:00:00Z")));
        assertThat(LocalChart.defaultOut(ch)).isEqualTo(Path.of("ta-chart.html"));
        LocalChart.Options files =
                new LocalChart.Options(
                        Path.of("x"),
                        false,
                        null,
                        List.of(),
                        null,
                        null,
                        Lane.SECOND,
                        Duration.ofMinutes(2),
                        null);
        assertThat(LocalChart.range(files, CLOCK)).isEqualTo(TimeRange.ALL);
        assertThat(LocalChart.defaultOut(files)).isEqualTo(Path.of("x", "chart.html"));
    }

    @Test
    void runLocalShHasTheChartSubcommand() {
        StringWriter out = new StringWriter();
        int exit =
                new picocli.CommandLine(new LocalRunCommand())
                        .setCaseInsensitiveEnumValuesAllowed(true)
                        .setOut(new PrintWriter(out))
                        .execute("chart", "--help");
        assertThat(exit).isZero();
        assertThat(out.toString())
                .contains("Usage: run-local.sh chart", "--clickhouse", "--replayed");
    }
}
