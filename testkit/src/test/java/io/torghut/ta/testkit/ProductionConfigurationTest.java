package io.torghut.ta.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.job.config.TaConfigKey;
import io.torghut.ta.testkit.ProductionFixtures.Fixture;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The job starts from the production files unchanged: its configuration is built from the
 * production ConfigMap's {@code data} plus the {@code env} of the production FlinkDeployment's
 * container (each Secret reference given a dummy value), exactly the variables a pod sees from
 * them, and is accepted with no error and no unknown {@code TA_*} key. (The second {@code envFrom},
 * {@code market-data-archive-config}, is not among the fixtures.)
 */
class ProductionConfigurationTest {
    private static final YAMLMapper YAML = new YAMLMapper();

    /** The variables a production pod gets from the two fixtures, Secrets as dummy values. */
    static Map<String, String> productionEnvironment() throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode configMap = YAML.readTree(ProductionFixtures.text(Fixture.TA_CONFIGMAP));
        configMap
                .path("data")
                .fields()
                .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        JsonNode deployment = YAML.readTree(ProductionFixtures.text(Fixture.TA_FLINKDEPLOYMENT));
        JsonNode container =
                deployment.path("spec").path("podTemplate").path("spec").path("containers").get(0);
        assertThat(container.path("name").asText()).isEqualTo("flink-main-container");
        // As Kubernetes does: an env entry wins over the same name from envFrom.
        for (JsonNode var : container.path("env")) {
            JsonNode secret = var.path("valueFrom").path("secretKeyRef");
            env.put(
                    var.path("name").asText(),
                    secret.isMissingNode()
                            ? var.path("value").asText()
                            : "dummy-"
                                    + secret.path("name").asText()
                                    + "-"
                                    + secret.path("key").asText());
        }
        return env;
    }

    @Test
    void theProductionConfigMapAndFlinkDeploymentEnvBuildTheConfigurationWithNoUnknownKey()
            throws Exception {
        Map<String, String> env = productionEnvironment();
        assertThat(env)
                .as("the fixtures hold the ConfigMap's 43 keys and the FlinkDeployment's env")
                .containsKeys(
                        "TA_CLICKHOUSE_REQUIRE_REPLICATED_TABLES",
                        "TA_KAFKA_PASSWORD",
                        "TA_KAFKA_DELIVERY_GUARANTEE",
                        "TORGHUT_TA_COMMIT");

        TaConfig config = TaConfig.fromEnv(env);

        assertThat(TaConfig.unknownKeys(env)).as("TA_* variables the job does not know").isEmpty();
        assertThat(config.groupId).isEqualTo("torghut-ta-live");
        assertThat(config.clientId).isEqualTo("torghut-ta");
        assertThat(config.parallelism).isEqualTo(8);
        assertThat(config.kafkaSecurity).isEqualTo("SASL_PLAINTEXT");
        assertThat(config.kafkaSaslMechanism).isEqualTo("SCRAM-SHA-512");
        assertThat(config.kafkaUsername).isEqualTo("torghut-ws");
        assertThat(config.kafkaPassword()).isEqualTo("dummy-torghut-ws-password");
        assertThat(config.delivery).isEqualTo(TaConfig.Delivery.AT_LEAST_ONCE);
        assertThat(config.clickhouseRequireReplicated).isTrue();
        assertThat(config.clickhouseBatchSize).isEqualTo(1000);
        assertThat(config.quoteStaleAfterMs).isEqualTo(15_000);
        assertThat(config.s3SecretKey()).isEqualTo("dummy-flink-checkpoints-AWS_SECRET_ACCESS_KEY");
        assertThat(config.toString()).doesNotContain("dummy-");

        // The keys only the replaced job read are accepted and shown as ignored, with the reason.
        List<TaConfigKey> legacy =
                List.of(
                        TaConfigKey.TA_HTTP_HOST,
                        TaConfigKey.TA_HTTP_PORT,
                        TaConfigKey.TA_SCHEMA_REGISTRY_URL,
                        TaConfigKey.TA_RESET_LEGACY_1S_SIGNAL_STATE);
        for (TaConfigKey k : legacy) {
            assertThat(k.kind()).isEqualTo(TaConfigKey.Kind.LEGACY);
            assertThat(config.describe().get(k.name()))
                    .isEqualTo(env.get(k.name()) + " (ignored: " + k.description() + ")");
        }
    }

    @Test
    void aTypoInTheProductionConfigMapIsNamedWithTheKeyItMeant() throws Exception {
        Map<String, String> env = productionEnvironment();
        env.put("TA_CLICKHOUSE_FLUSH_MSS", env.remove("TA_CLICKHOUSE_FLUSH_MS"));
        assertThat(TaConfig.unknownKeys(env))
                .containsExactly(
                        new TaConfig.UnknownKey(
                                "TA_CLICKHOUSE_FLUSH_MSS", "TA_CLICKHOUSE_FLUSH_MS"));
    }
}
