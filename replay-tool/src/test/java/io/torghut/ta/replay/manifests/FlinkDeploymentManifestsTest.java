package io.torghut.ta.replay.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.torghut.ta.job.config.TaConfigKey;
import io.torghut.ta.replay.operator.ManifestModel;
import io.torghut.ta.replay.testutil.GitOpsFixture;
import io.torghut.ta.replay.workflow.StateLocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tests for the manifests in flinkdeployment/: they parse into the operator API model, validate
 * against the FlinkDeployment CRD schema, build with kubectl kustomize, and the ConfigMap holds
 * exactly the job's non-secret config keys.
 *
 * <p>Schema: the FlinkDeployment CRD shipped inside flink-kubernetes-operator-api 1.10.0, the
 * operator API this tool builds against. Its flinkVersion enum stops at v1_20, while this project
 * deploys Flink 2.2, so the enum is extended with {@link #FLINK_VERSIONS_DEPLOYED} and every other
 * part of the schema is used as shipped.
 */
class FlinkDeploymentManifestsTest {
    static final Path MANIFESTS = Path.of("..", "flinkdeployment");

    /**
     * The Flink 2 versions the CRD's enum lacks, up to the one the job is built against (the last
     * one, checked against the Flink on the classpath).
     */
    static final List<String> FLINK_VERSIONS_DEPLOYED = List.of("v2_0", "v2_1", "v2_2");

    static CrdSchema jarSchema;
    static CrdSchema jarSchemaPatched;

    @BeforeAll
    static void loadSchemas() throws IOException {
        try (InputStream in =
                FlinkDeployment.class
                        .getClassLoader()
                        .getResourceAsStream(
                                "META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml")) {
            assertThat(in).as("CRD inside flink-kubernetes-operator-api").isNotNull();
            jarSchema = CrdSchema.load(in);
        }
        jarSchemaPatched = jarSchema.withFlinkVersionsAdded(FLINK_VERSIONS_DEPLOYED);
    }

    @Test
    void theJarsSchemaLagsTheFlinkVersionWeRun() {
        assertThat(jarSchema.flinkVersions()).contains("v1_20").doesNotContain("v2_2");
        String[] built = EnvironmentInformation.getVersion().split("\\.");
        String builtVersion = "v" + built[0] + "_" + built[1];
        assertThat(FLINK_VERSIONS_DEPLOYED).last().isEqualTo(builtVersion);
        assertThat(jarSchemaPatched.flinkVersions())
                .startsWith(jarSchema.flinkVersions().toArray(String[]::new))
                .endsWith(FLINK_VERSIONS_DEPLOYED.toArray(String[]::new));
        assertThat(jarSchema.validate(yaml(read(MANIFESTS.resolve("flinkdeployment.yaml")))))
                .anySatisfy(e -> assertThat(e).contains("flinkVersion"));
    }

    @Test
    void everyFlinkDeploymentManifestParsesIntoTheOperatorModelAndValidates() {
        List<Path> files = flinkDeploymentFiles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(7);
        for (Path p : files) {
            String text = read(p);
            ManifestModel.Parsed parsed = ManifestModel.parse(text);
            assertThat(parsed.deployment().getMetadata().getName())
                    .as(p.toString())
                    .isEqualTo("torghut-ta");
            assertValid(p.toString(), yaml(text));
        }
    }

    @Test
    void theToolsGitOpsFixturesAndGoldensAreValidFlinkDeploymentsToo() throws IOException {
        try (Stream<Path> s = Files.walk(GitOpsFixture.resource("golden"))) {
            List<Path> files =
                    s.filter(p -> p.getFileName().toString().equals("flinkdeployment.yaml"))
                            .toList();
            assertThat(files).isNotEmpty();
            for (Path p : files) {
                ManifestModel.parse(read(p));
                assertValid(p.toString(), yaml(read(p)));
            }
        }
    }

    @Test
    void strictValidationCatchesATypoTheApiServerWouldPrune() {
        ObjectNode doc = (ObjectNode) yaml(read(MANIFESTS.resolve("flinkdeployment.yaml")));
        ((ObjectNode) doc.at("/spec/job")).put("upgradeMod", "stateless");
        assertThat(jarSchemaPatched.validate(doc))
                .anySatisfy(e -> assertThat(e).contains("upgradeMod"));
        ((ObjectNode) doc.at("/spec/job")).remove("upgradeMod");
        ((ObjectNode) doc.at("/spec/job")).put("upgradeMode", "laststate");
        assertThat(jarSchemaPatched.validate(doc))
                .anySatisfy(e -> assertThat(e).contains("upgradeMode"));
    }

    @Test
    void kustomizeBuildsTheTreeIntoOneValidFlinkDeploymentAndItsConfigMap() throws Exception {
        List<JsonNode> docs = kustomize();
        JsonNode fd = only(docs, "FlinkDeployment");
        JsonNode cm = only(docs, "ConfigMap");
        assertThat(docs).hasSize(2);
        assertValid("kustomize output", fd);
        FlinkDeployment model =
                ManifestModel.parse(CrdSchema.YAML.writeValueAsString(fd)).deployment();
        assertThat(model.getMetadata().getNamespace()).isEqualTo("torghut");
        assertThat(model.getSpec().getJob().getJarURI())
                .isEqualTo("local:///opt/flink/usrlib/ta-job.jar");
        assertThat(model.getSpec().getJob().getEntryClass()).isEqualTo("io.torghut.ta.job.TaJob");
        var conf = model.getSpec().getFlinkConfiguration();
        assertThat(conf.get("execution.checkpointing.dir")).startsWith("s3a://");
        assertThat(conf.get("execution.checkpointing.savepoint-dir")).startsWith("s3a://");
        assertThat(conf.get("high-availability.type")).isEqualTo("kubernetes");
        assertThat(conf.get("restart-strategy.type")).isEqualTo("exponential-delay");
        assertThat(conf.get("metrics.reporter.prom.factory.class")).contains("Prometheus");
        assertThat(model.getSpec().getTaskManager().getResource().getMemory()).isEqualTo("4096m");
        assertThat(fd.at("/spec/flinkVersion").asText()).isEqualTo("v2_2");
        // The job reads the same directories through its config keys: TA_CHECKPOINT_DIR is the
        // state prefix, the parent of checkpoints/ (the state-directory rule, StateLocation).
        assertThat(cm.at("/data/TA_CHECKPOINT_DIR").asText() + "/checkpoints")
                .isEqualTo(conf.get("execution.checkpointing.dir"));
        assertThat(cm.at("/data/TA_SAVEPOINT_DIR").asText())
                .isEqualTo(conf.get("execution.checkpointing.savepoint-dir"));
        StateLocation location =
                StateLocation.resolve(
                        cm.at("/data/TA_CHECKPOINT_DIR").asText(),
                        cm.at("/data/TA_SAVEPOINT_DIR").asText(),
                        conf);
        assertThat(location.problems()).isEmpty();
        assertThat(location.scriptsCoverIt()).isTrue();
    }

    @Test
    void thePodsDeclareTheReportersPortByTheNameThePodMonitorScrapes() throws Exception {
        JsonNode fd = only(kustomize(), "FlinkDeployment");
        String reporterPort =
                fd.at("/spec/flinkConfiguration").path("metrics.reporter.prom.port").asText();
        assertThat(reporterPort).isEqualTo("9249");
        List<String> ports = new java.util.ArrayList<>();
        for (JsonNode c : fd.at("/spec/podTemplate/spec/containers")) {
            for (JsonNode p : c.path("ports")) {
                ports.add(p.path("name").asText() + ":" + p.path("containerPort").asText());
            }
        }
        // monitoring/podmonitor.yaml selects `port: metrics`; production's pods declare it too.
        assertThat(ports).containsExactly("metrics:" + reporterPort);
    }

    @Test
    void configMapKeysAreExactlyTheJobsNonSecretConfigKeysButTheListedOptionalOnes()
            throws Exception {
        JobConfigKeys keys = JobConfigKeys.load();
        ConfigMap cm =
                CrdSchema.YAML.readValue(
                        read(MANIFESTS.resolve("configmap.yaml")), ConfigMap.class);
        Set<String> data = new TreeSet<>(cm.getData().keySet());
        Set<String> unknown = new TreeSet<>(data);
        unknown.removeAll(keys.all());
        assertThat(unknown).as("ConfigMap keys the job does not know").isEmpty();
        assertThat(data).as("secrets in the ConfigMap").doesNotContainAnyElementsOf(keys.secret());
        Set<String> missing = new TreeSet<>(keys.required());
        missing.removeAll(data);
        assertThat(missing).as("keys the job knows that the ConfigMap lacks").isEmpty();
        assertThat(data)
                .as("optional keys are left out, not half-listed")
                .doesNotContainAnyElementsOf(JobConfigKeys.OPTIONAL.keySet());
        assertThat(data).as("ConfigMap keys").isEqualTo(keys.required());
    }

    @Test
    void onlyLegacyKeysTheJobKnowsMayBeLeftOutOfTheConfigMap() {
        JobConfigKeys keys = JobConfigKeys.load();
        assertThat(keys.all()).containsAll(JobConfigKeys.OPTIONAL.keySet());
        for (String k : JobConfigKeys.OPTIONAL.keySet()) {
            assertThat(JobConfigKeys.kind(k)).as(k).isEqualTo(TaConfigKey.Kind.LEGACY);
            assertThat(JobConfigKeys.OPTIONAL.get(k)).as("reason for " + k).isNotBlank();
        }
        assertThat(keys.secret())
                .containsExactlyInAnyOrder(
                        "TA_KAFKA_PASSWORD",
                        "TA_CLICKHOUSE_PASSWORD",
                        "TA_S3_ACCESS_KEY",
                        "TA_S3_SECRET_KEY");
    }

    @Test
    void everySecretKeyComesFromASecretRef() throws Exception {
        JsonNode fd = only(kustomize(), "FlinkDeployment");
        Set<String> fromSecrets = new TreeSet<>();
        for (JsonNode c : fd.at("/spec/podTemplate/spec/containers")) {
            for (JsonNode e : c.path("env")) {
                if (e.at("/valueFrom/secretKeyRef").isObject()) {
                    fromSecrets.add(e.path("name").asText());
                }
                assertThat(e.has("value") && e.path("name").asText().contains("PASSWORD"))
                        .as("literal password in env")
                        .isFalse();
            }
        }
        assertThat(fromSecrets).containsAll(JobConfigKeys.load().secret());
    }

    private static void assertValid(String what, JsonNode doc) {
        assertThat(jarSchemaPatched.validate(doc))
                .as(what + " vs operator-api 1.10.0 CRD (flinkVersion enum extended)")
                .isEmpty();
    }

    static List<JsonNode> kustomize() throws Exception {
        // kubectl from PATH (CI installs it when missing, see .ci/run).
        String kubectl = "kubectl";
        Process p =
                new ProcessBuilder(kubectl, "kustomize", MANIFESTS.toString())
                        .redirectErrorStream(false)
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("kubectl kustomize failed: " + err).isZero();
        List<JsonNode> docs = new ArrayList<>();
        try (var it = CrdSchema.YAML.readerFor(JsonNode.class).readValues(out)) {
            while (it.hasNext()) {
                docs.add((JsonNode) it.next());
            }
        }
        return docs;
    }

    private static JsonNode only(List<JsonNode> docs, String kind) {
        List<JsonNode> m = docs.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
        assertThat(m).as(kind).hasSize(1);
        return m.get(0);
    }

    private static List<Path> flinkDeploymentFiles() {
        try (Stream<Path> s = Files.list(MANIFESTS)) {
            return s.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> yaml(read(p)).path("kind").asText().equals("FlinkDeployment"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static JsonNode yaml(String text) {
        try {
            return CrdSchema.YAML.readTree(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
