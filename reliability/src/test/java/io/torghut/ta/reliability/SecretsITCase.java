package io.torghut.ta.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.job.clickhouse.TaTables;
import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.job.config.TaConfigKey;
import io.torghut.ta.replay.ReplayTool;
import io.torghut.ta.testkit.JobScenario;
import io.torghut.ta.testkit.JobScenario.Topic;
import io.torghut.ta.testkit.LocalFlink;
import io.torghut.ta.testkit.LogCapture;
import io.torghut.ta.testkit.TestPlatform;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Known secret values configured for the job and the replay tool: the ClickHouse password of a real
 * ClickHouse user the job writes as, the S3 secret key of the server holding the checkpoints, and a
 * Kafka SASL password. Every log line of the test JVM at INFO and above (Flink, Kafka clients, the
 * JDBC driver, the job), every record of every output topic, the checkpoint files in S3, Flink's
 * REST views of the job and cluster configuration, and the replay tool's output of a {@code verify}
 * run against the same ClickHouse are searched: none contains a secret.
 */
class SecretsITCase {
    static final String CLICKHOUSE_USER = "ta_writer";
    static final String CLICKHOUSE_PASSWORD = "ch-Pa55-9f3kQz";
    static final String KAFKA_PASSWORD = "kafka-Pa55-7Xw2";

    @TempDir Path dir;

    @Test
    void noSecretAppearsInLogsOutputsCheckpointsOrToolOutput() throws Exception {
        Path log = dir.resolve("captured.log");
        List<String> secrets =
                List.of(CLICKHOUSE_PASSWORD, TestPlatform.S3_SECRET_KEY, KAFKA_PASSWORD);
        Map<String, String> searched = new LinkedHashMap<>();
        try (LogCapture capture = LogCapture.start(log)) {
            try (TestPlatform platform =
                    TestPlatform.isolated(dir.resolve("platform"))
                            .taskManagers(2, 1)
                            .clickhouseUser(CLICKHOUSE_USER, CLICKHOUSE_PASSWORD)
                            .build()) {
                JobScenario rig =
                        platform.scenario("secrets")
                                .tape(JobScenario.tape(31, 5, 4, 3))
                                .withClickHouse()
                                .build();
                LocalFlink flink = platform.flink();
                TaConfig config =
                        rig.config(
                                "ta-secrets",
                                Map.of(
                                        TaConfigKey.TA_S3_ACCESS_KEY,
                                        TestPlatform.S3_ACCESS_KEY,
                                        TaConfigKey.TA_S3_SECRET_KEY,
                                        TestPlatform.S3_SECRET_KEY,
                                        TaConfigKey.TA_KAFKA_USERNAME,
                                        "ta-job",
                                        TaConfigKey.TA_KAFKA_PASSWORD,
                                        KAFKA_PASSWORD));
                searched.put("TaConfig.toString", config.toString());
                JobID job = flink.job(config).restartingAsInProduction().submit().getJobID();
                String id = job.toHexString();
                rig.produceSlices(0, 1, 1, Duration.ZERO);
                rig.produceSentinels();
                rig.awaitComplete(config, false, Duration.ofMinutes(3));

                for (Topic topic :
                        List.of(Topic.BARS, Topic.SIGNALS, Topic.STATUS, Topic.DEAD_LETTERS)) {
                    StringBuilder all = new StringBuilder();
                    rig.read(topic, false)
                            .forEach(
                                    r ->
                                            all.append(r.key())
                                                    .append('\t')
                                                    .append(r.value())
                                                    .append('\n'));
                    searched.put("topic " + rig.topic(topic), all.toString());
                }
                for (String path :
                        List.of(
                                "jobs/" + id + "/config",
                                "jobmanager/config",
                                "jobs/" + id + "/plan",
                                "jobs/" + id + "/exceptions",
                                "jobs/" + id + "/checkpoints/config")) {
                    searched.put("REST " + path, flink.rest.get(path).toString());
                }
                searched.put(
                        "ClickHouse rows",
                        platform.clickhouse()
                                .queryStrings("SELECT * FROM " + rig.qualified(TaTables.SIGNALS))
                                .toString());

                Map<String, String> toolEnv = new HashMap<>();
                toolEnv.put(
                        TaConfigKey.TA_CLICKHOUSE_URL.name(),
                        platform.clickhouse().jdbcUrl(rig.clickhouseDatabase()));
                toolEnv.put(TaConfigKey.TA_CLICKHOUSE_USERNAME.name(), CLICKHOUSE_USER);
                toolEnv.put(TaConfigKey.TA_CLICKHOUSE_PASSWORD.name(), CLICKHOUSE_PASSWORD);
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                CommandLine tool = ReplayTool.commandLine(Clock.systemUTC(), toolEnv::get);
                tool.setOut(new PrintWriter(out, true));
                tool.setErr(new PrintWriter(err, true));
                Path gitops = dir.resolve("gitops");
                Path fixture = Path.of(System.getProperty("replay.gitops.fixture"));
                try (Stream<Path> files = Files.walk(fixture)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        Path to = gitops.resolve(fixture.relativize(f).toString());
                        Files.createDirectories(to.getParent());
                        Files.copy(f, to);
                    }
                }
                int exit =
                        tool.execute(
                                "verify",
                                "--gitops-root",
                                gitops.toString(),
                                "--symbols",
                                "S000,S001",
                                "--max-lag",
                                "PT1M");
                searched.put("replay-tool verify (exit " + exit + ")", out + "\n" + err);
                assertThat(out.toString() + err)
                        .as("the tool reached ClickHouse as %s", CLICKHOUSE_USER)
                        .contains("ta_signals");

                flink.cancel(job);
                StringBuilder checkpoints = new StringBuilder();
                try (Stream<Path> files = Files.walk(platform.s3().dataDir())) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        checkpoints.append(
                                new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                    }
                }
                searched.put("S3 objects", checkpoints.toString());
            }
        }
        String logged = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(logged)
                .as("the capture saw the job run")
                .contains("torghut-ta")
                .contains("ClickHouse");
        searched.put("log (" + logged.length() + " chars)", logged);

        List<String> leaks = new ArrayList<>();
        searched.forEach(
                (where, text) ->
                        secrets.stream()
                                .filter(text::contains)
                                .forEach(
                                        s ->
                                                leaks.add(
                                                        where
                                                                + " contains a secret of "
                                                                + s.length()
                                                                + " chars")));
        assertThat(leaks).isEmpty();
        System.out.printf(
                "secrets: %d secret values searched in %d places (%s): not found%n",
                secrets.size(), searched.size(), String.join("; ", searched.keySet()));
    }
}
