package io.torghut.ta.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.job.config.TaConfigKey;
import io.torghut.ta.job.sources.KafkaBrokerCheck;
import io.torghut.ta.replay.ReplayTool;
import io.torghut.ta.testkit.Await;
import io.torghut.ta.testkit.JobScenario;
import io.torghut.ta.testkit.JobScenario.Topic;
import io.torghut.ta.testkit.KafkaTestCluster;
import io.torghut.ta.testkit.LocalFlink;
import io.torghut.ta.testkit.LogCapture;
import io.torghut.ta.testkit.TestPlatform;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Kafka authenticated as production does it: a KRaft broker whose client listener is {@code
 * SASL_PLAINTEXT} with {@code SCRAM-SHA-512} only and a user created as Strimzi's user operator
 * creates a {@code KafkaUser}'s ({@link KafkaTestCluster}). The job is configured for it by the
 * production keys alone ({@code TA_KAFKA_BOOTSTRAP}, {@code TA_KAFKA_SECURITY}, {@code
 * TA_KAFKA_SASL_MECH}, {@code TA_KAFKA_USERNAME}, {@code TA_KAFKA_PASSWORD}), with exactly-once
 * sinks so that the transactional producers authenticate too.
 *
 * <p>Mid-run the user's password is rotated on the broker (a {@code KafkaUser} SCRAM rotation:
 * Strimzi writes a new password into the Secret and onto the broker); the old password is refused
 * from then on, also to the job's start-up check, which names the mechanism and the user and never
 * the password; the job is cancelled and restored from its latest checkpoint with the new secret,
 * as a pod restart with the new Secret does, and its output, read committed, equals the reference
 * with no row twice. The replay tool's broker commands ({@code check-window --bootstrap} and Mode
 * 2's topic recreation with {@code --execute}) authenticate with the same variables. Neither
 * password appears in any log line of the test JVM at INFO and above.
 */
class ScramAuthenticationITCase {
    static final String USER = "torghut-ws";
    // Strimzi generates 32 alphanumeric characters; the test's are recognisable in a leak check.
    static final String OLD_PASSWORD = "scramOld7Kq2Lw9Xv4Tz8Rm3Np6Bd1Hs5";
    static final String NEW_PASSWORD = "scramNew3Jt8Pc5Wy2Gf7Qa4Zk9Ux6Ve1";
    static final int SLICES = 6;

    @TempDir Path dir;

    @Test
    void theJobAndTheReplayToolAuthenticateByScramAndSurviveAPasswordRotation() throws Exception {
        long started = System.nanoTime();
        String logged;
        try (LogCapture log = LogCapture.start(dir.resolve("captured.log"));
                TestPlatform platform = TestPlatform.isolated(dir.resolve("platform")).build()) {
            JobScenario rig =
                    platform.scenario("scram").tape(JobScenario.tape(43, 10, 4, 4)).build();
            KafkaTestCluster kafka = platform.kafka();
            kafka.setScramCredential(USER, OLD_PASSWORD);
            TaConfig config = rig.config("ta-scram", scram(kafka, OLD_PASSWORD));
            assertThat(config.kafkaBootstrap).isEqualTo(kafka.scramBootstrapServers());
            KafkaBrokerCheck.require(config);

            LocalFlink flink = platform.flink();
            JobID first = flink.job(config).restartingAsInProduction().submit().getJobID();
            rig.produceSlices(0, SLICES / 2, SLICES, Duration.ZERO);
            Await.until(
                    "a checkpoint and committed output through the SCRAM listener",
                    Duration.ofMinutes(2),
                    () ->
                            flink.rest.completedCheckpoints(first.toHexString()) > 1
                                    && !rig.read(Topic.BARS, true).isEmpty());
            long committedBefore = rig.read(Topic.BARS, true).size();

            // The rotation: the broker holds the new password from now on.
            kafka.setScramCredential(USER, NEW_PASSWORD);
            assertThat(kafka.scramLoginSucceeds(USER, OLD_PASSWORD))
                    .as("the old password after the rotation")
                    .isFalse();
            assertThatThrownBy(() -> KafkaBrokerCheck.require(config))
                    .isInstanceOfSatisfying(
                            KafkaBrokerCheck.BrokerUnavailableException.class,
                            e -> {
                                assertThat(e.problem())
                                        .isEqualTo(KafkaBrokerCheck.Problem.AUTHENTICATION_FAILED);
                                assertThat(e.getMessage())
                                        .contains("refused the credentials of SASL_PLAINTEXT")
                                        .contains("SCRAM-SHA-512")
                                        .contains("user '" + USER + "'")
                                        .doesNotContain(OLD_PASSWORD)
                                        .doesNotContain(NEW_PASSWORD);
                            });
            long refusedWithin = timed(() -> failFast(config));

            // The pods restart with the new Secret: the job comes back from its checkpoint.
            flink.cancel(first);
            List<String> checkpoints =
                    LocalFlink.completedCheckpoints(
                            rig.stateDir("ta-scram") + "/checkpoints", first);
            String restoredFrom = checkpoints.get(checkpoints.size() - 1);
            TaConfig rotated = rig.config("ta-scram", scram(kafka, NEW_PASSWORD));
            KafkaBrokerCheck.require(rotated);
            JobID second =
                    flink.job(rotated)
                            .restartingAsInProduction()
                            .restoredFrom(restoredFrom)
                            .submit()
                            .getJobID();
            rig.produceSlices(SLICES / 2, SLICES, SLICES, Duration.ZERO);
            rig.produceSentinels();
            rig.awaitComplete(rotated, true, Duration.ofMinutes(4));
            var checks = rig.assertKafkaOutputs(rotated, true, true);
            assertThat(
                            flink.rest
                                    .checkpoints(second.toHexString())
                                    .path("latest")
                                    .path("restored")
                                    .path("external_path")
                                    .asText())
                    .isEqualTo(restoredFrom);
            flink.cancel(second);

            // The replay tool, with the job's variables and the new Secret.
            Map<String, String> toolEnv =
                    new HashMap<>(JobScenario.names(scram(kafka, NEW_PASSWORD)));
            Path gitops = gitopsCheckout();
            long anHourAgo = System.currentTimeMillis() - 3_600_000L;
            for (String input :
                    List.of("torghut.trades.v1", "torghut.quotes.v1", "torghut.bars.1m.v1")) {
                kafka.createTopic(input, 1);
                kafka.produce(input, "S000", "{}", 0, anHourAgo - 600_000L);
            }
            ToolOutput window =
                    tool(
                            toolEnv,
                            "check-window",
                            "--gitops-root",
                            gitops.toString(),
                            "--from",
                            Instant.ofEpochMilli(anHourAgo).toString(),
                            "--to",
                            Instant.now().toString(),
                            "--margin",
                            "1m",
                            "--bootstrap",
                            kafka.scramBootstrapServers());
            assertThat(window.exit).as(window.all()).isZero();
            assertThat(window.out)
                    .contains("measured on " + kafka.scramBootstrapServers())
                    .contains("Feasible");

            String derived = "torghut.ta.bars.1s.v1";
            kafka.createTopic(derived, 2, Map.of("retention.ms", "3024000000"));
            kafka.createTopic("torghut.ta.signals.v1", 1, Map.of("retention.ms", "3024000000"));
            kafka.produce(derived, "S000", "{}");
            String replayId = "2026-03-10T0900Z-INC7";
            List<String> base =
                    List.of(
                            "mode2",
                            "--gitops-root",
                            gitops.toString(),
                            "--replay-id",
                            replayId,
                            "--confirm",
                            "REPLAY_FROM_SCRATCH",
                            "--ticket",
                            "INC-7");
            assertThat(tool(toolEnv, with(base, "--step", "1")).exit).isZero();
            assertThat(tool(toolEnv, with(base, "--step", "2")).exit).isZero();
            Path manifest = dir.resolve("manifest.json");
            Files.writeString(manifest, manifestJson(replayId));
            ToolOutput backup =
                    tool(
                            toolEnv,
                            with(
                                    base,
                                    "--step",
                                    "3",
                                    "--backup-manifest",
                                    manifest.toString(),
                                    "--restore-path",
                                    "s3a://flink-checkpoints/torghut/technical-analysis/checkpoints/j/chk-3"));
            assertThat(backup.exit).as(backup.all()).isZero();
            ToolOutput recreate =
                    tool(
                            toolEnv,
                            with(
                                    base,
                                    "--step",
                                    "4",
                                    "--execute",
                                    "--bootstrap",
                                    kafka.scramBootstrapServers()));
            assertThat(recreate.exit).as(recreate.all()).isZero();
            assertThat(recreate.out)
                    .contains("Recreated " + derived + " with the same partitions and configs.");
            assertThat(kafka.readToEnd(derived))
                    .as("the recreated topic holds no record")
                    .isEmpty();
            try (Admin admin = Admin.create(kafka.clientProperties())) {
                TopicDescription d =
                        admin.describeTopics(List.of(derived)).allTopicNames().get().get(derived);
                assertThat(d.partitions()).hasSize(2);
            }
            ToolOutput refused =
                    tool(
                            new HashMap<>(JobScenario.names(scram(kafka, OLD_PASSWORD))),
                            "check-window",
                            "--gitops-root",
                            gitops.toString(),
                            "--from",
                            Instant.now().minus(Duration.ofHours(1)).toString(),
                            "--to",
                            Instant.now().toString(),
                            "--bootstrap",
                            kafka.scramBootstrapServers(),
                            "--kafka-timeout",
                            "20s");
            assertThat(refused.exit).as(refused.all()).isNotZero();
            assertThat(refused.all())
                    .contains("refused the credentials of SASL_PLAINTEXT SCRAM-SHA-512")
                    .contains("user '" + USER + "'")
                    .doesNotContain(OLD_PASSWORD)
                    .doesNotContain(NEW_PASSWORD);

            System.out.printf(
                    "SCRAM-SHA-512: job through %s as %s (EXACTLY_ONCE); %d committed bar rows"
                            + " before the rotation; the old password refused in %d ms; restored"
                            + " from %s with the new one; %d trade records; bars %d rows / %d"
                            + " identities / %d copies, signals %d rows / %d identities / %d"
                            + " copies (read committed); replay tool check-window and mode2 step"
                            + " 4 --execute authenticated; lost 0; %d s%n",
                    kafka.scramBootstrapServers(),
                    USER,
                    committedBefore,
                    refusedWithin,
                    restoredFrom,
                    rig.tradeRecords(),
                    checks.bars().rows(),
                    checks.bars().identities(),
                    checks.bars().exactCopies(),
                    checks.signals().rows(),
                    checks.signals().identities(),
                    checks.signals().exactCopies(),
                    (System.nanoTime() - started) / 1_000_000_000);
            logged = log.text();
        }
        // Every log line of this JVM at INFO and above: Flink, the Kafka clients' and the
        // broker's authentication failures, the job's start-up checks, the replay tool.
        assertThat(logged)
                .as("the capture saw the refused login")
                .contains("SCRAM-SHA-512")
                .doesNotContain(OLD_PASSWORD)
                .doesNotContain(NEW_PASSWORD);
    }

    /** The production keys that point the job at the SCRAM listener as {@link #USER}. */
    private static Map<TaConfigKey, String> scram(KafkaTestCluster kafka, String password) {
        Map<TaConfigKey, String> env = new EnumMap<>(TaConfigKey.class);
        env.put(TaConfigKey.TA_KAFKA_BOOTSTRAP, kafka.scramBootstrapServers());
        env.put(TaConfigKey.TA_KAFKA_SECURITY, "SASL_PLAINTEXT");
        env.put(TaConfigKey.TA_KAFKA_SASL_MECH, "SCRAM-SHA-512");
        env.put(TaConfigKey.TA_KAFKA_USERNAME, USER);
        env.put(TaConfigKey.TA_KAFKA_PASSWORD, password);
        env.put(TaConfigKey.TA_KAFKA_DELIVERY_GUARANTEE, "EXACTLY_ONCE");
        return env;
    }

    /** A refused password is reported at once, not after the connect timeout. */
    private static void failFast(TaConfig config) {
        try {
            KafkaBrokerCheck.require(config);
        } catch (KafkaBrokerCheck.BrokerUnavailableException expected) {
            return;
        }
        throw new AssertionError("the old password was accepted");
    }

    private static long timed(Runnable r) {
        long t = System.nanoTime();
        r.run();
        long ms = (System.nanoTime() - t) / 1_000_000;
        assertThat(ms).as("refusal of a wrong password, ms").isLessThan(10_000);
        return ms;
    }

    private Path gitopsCheckout() throws Exception {
        Path gitops = dir.resolve("gitops");
        Path fixture = Path.of(System.getProperty("replay.gitops.fixture"));
        try (Stream<Path> files = Files.walk(fixture)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path to = gitops.resolve(fixture.relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.copy(f, to);
            }
        }
        return gitops;
    }

    private static String[] with(List<String> base, String... more) {
        List<String> all = new java.util.ArrayList<>(base);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** What one run of the replay tool printed and returned. */
    private record ToolOutput(int exit, String out, String err) {
        String all() {
            return "exit " + exit + "\n" + out + "\n" + err;
        }
    }

    private static ToolOutput tool(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = ReplayTool.commandLine(Clock.systemUTC(), env::get);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new ToolOutput(exit, out.toString(), err.toString());
    }

    /** A verified backup manifest of the fixture's state prefix, as backup-state writes it. */
    private static String manifestJson(String replayId) {
        return "{\"replayId\":\""
                + replayId
                + "\",\"createdAt\":\"2026-03-10T08:50:00Z\","
                + "\"sourcePrefix\":\"s3a://flink-checkpoints/torghut/technical-analysis\","
                + "\"verified\":true,\"verifiedAt\":\"2026-03-10T08:55:00Z\",\"objects\":["
                + "{\"key\":\"checkpoints/j/chk-3/_metadata\",\"size\":10,\"sha256\":\"aa\"}],"
                + "\"totals\":{\"objects\":1,\"bytes\":10}}";
    }
}
