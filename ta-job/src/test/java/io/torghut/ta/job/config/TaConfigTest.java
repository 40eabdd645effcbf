package io.torghut.ta.job.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torghut.ta.job.testutils.RecordedLog;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests for {@link TaConfig}. */
class TaConfigTest {
    static final String SECRET = "s3cr3t-Pa55word";

    @Test
    void originalConfigMapValuesAreAcceptedWithTheirMeaning() {
        Map<String, String> env = new HashMap<>();
        env.put("TA_KAFKA_BOOTSTRAP", "kafka-kafka-bootstrap.kafka:9092");
        env.put("TA_KAFKA_SECURITY", "SASL_PLAINTEXT");
        env.put("TA_KAFKA_SASL_MECH", "SCRAM-SHA-512");
        env.put("TA_KAFKA_USERNAME", "torghut-ws");
        env.put("TA_KAFKA_PASSWORD", SECRET);
        env.put("TA_GROUP_ID", "torghut-ta-live");
        env.put("TA_AUTO_OFFSET_RESET", "latest");
        env.put("TA_CHECKPOINT_INTERVAL_MS", "60000");
        env.put("TA_QUOTE_STALE_AFTER_MS", "15000");
        env.put("TA_PARALLELISM", "8");
        env.put("TA_CLICKHOUSE_BATCH_SIZE", "1000");
        env.put("TA_SCHEMA_REGISTRY_URL", "http://karapace.kafka:8081");
        env.put("TA_RESET_LEGACY_1S_SIGNAL_STATE", "true");
        env.put("TA_HTTP_PORT", "8080");
        TaConfig c = TaConfig.fromEnv(env);
        assertThat(c.groupId).isEqualTo("torghut-ta-live");
        assertThat(c.checkpointIntervalMs).isEqualTo(60_000);
        assertThat(c.quoteStaleAfterMs).isEqualTo(15_000);
        assertThat(c.parallelism).isEqualTo(8);
        assertThat(c.clickhouseBatchSize).isEqualTo(1000);
        assertThat(c.delivery).isEqualTo(TaConfig.Delivery.AT_LEAST_ONCE);
        assertThat(c.kafkaPassword()).isEqualTo(SECRET);
        assertThat(c.describe().get("TA_SCHEMA_REGISTRY_URL")).contains("ignored");
    }

    @Test
    void invalidValuesAreAllReportedNamingVariableValueAndWhatIsAllowed() {
        Map<String, String> env = new HashMap<>();
        env.put("TA_KAFKA_SECURITY", "PLAINTEXT");
        env.put("TA_AUTO_OFFSET_RESET", "oldest");
        env.put("TA_PARALLELISM", "0");
        env.put("TA_CHECKPOINT_INTERVAL_MS", "ten");
        env.put("TA_CLICKHOUSE_URL", "clickhouse:8123");
        env.put("TA_SESSION_TIMEZONE", "Mars/Olympus");
        env.put("TA_S3_PATH_STYLE", "maybe");
        assertThatThrownBy(() -> TaConfig.fromEnv(env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(
                        "TA_AUTO_OFFSET_RESET='oldest': must be one of [earliest, latest]")
                .hasMessageContaining("TA_PARALLELISM='0': must be an integer in [1, 1024]")
                .hasMessageContaining("TA_CHECKPOINT_INTERVAL_MS='ten': must be an integer")
                .hasMessageContaining(
                        "TA_CLICKHOUSE_URL='clickhouse:8123': TA_CLICKHOUSE_URL must start with")
                .hasMessageContaining("TA_SESSION_TIMEZONE='Mars/Olympus'")
                .hasMessageContaining("TA_S3_PATH_STYLE='maybe': must be true or false");
    }

    @Test
    void saslWithoutCredentialsIsRefused() {
        assertThatThrownBy(() -> TaConfig.fromEnv(Map.of()))
                .hasMessageContaining(
                        "TA_KAFKA_SECURITY='SASL_PLAINTEXT': needs TA_KAFKA_USERNAME"
                                + " and TA_KAFKA_PASSWORD");
    }

    @Test
    void secretsNeverAppearInDescriptionsOrMessages() {
        Map<String, String> env = new HashMap<>();
        env.put("TA_KAFKA_SECURITY", "SASL_SSL");
        env.put("TA_KAFKA_PASSWORD", SECRET);
        env.put("TA_CLICKHOUSE_PASSWORD", SECRET + "-ch");
        env.put("TA_S3_ACCESS_KEY", "AKIA" + SECRET);
        env.put("TA_S3_SECRET_KEY", SECRET + "-s3");
        TaConfig c = TaConfig.fromEnv(env);
        assertThat(c.toString()).doesNotContain(SECRET).contains("(set, hidden)");
        env.put("TA_PARALLELISM", "-1");
        env.put("TA_S3_SECRET_KEY", "");
        assertThatThrownBy(() -> TaConfig.fromEnv(env))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void keyRegistryNamesEveryKeyAndTheSecrets() {
        assertThat(TaConfigKeys.all())
                .contains("TA_GROUP_ID", "TA_CLICKHOUSE_BATCH_SIZE")
                .allMatch(k -> k.startsWith("TA_"));
        assertThat(TaConfigKeys.secrets())
                .containsExactlyInAnyOrder(
                        "TA_KAFKA_PASSWORD",
                        "TA_CLICKHOUSE_PASSWORD",
                        "TA_S3_ACCESS_KEY",
                        "TA_S3_SECRET_KEY");
    }

    @Test
    void theProductionNameOfTheReplicatedTablesKeyIsReadAndOursIsItsAlias() {
        Map<String, String> env = new HashMap<>();
        env.put("TA_KAFKA_SECURITY", "PLAINTEXT");
        env.put("TA_CLICKHOUSE_REQUIRE_REPLICATED_TABLES", "false");
        assertThat(TaConfig.fromEnv(env).clickhouseRequireReplicated).isFalse();

        env.remove("TA_CLICKHOUSE_REQUIRE_REPLICATED_TABLES");
        env.put("TA_CLICKHOUSE_REQUIRE_REPLICATED", "false");
        TaConfig viaAlias = TaConfig.fromEnv(env);
        assertThat(viaAlias.clickhouseRequireReplicated).isFalse();
        assertThat(viaAlias.describe())
                .containsEntry(
                        "TA_CLICKHOUSE_REQUIRE_REPLICATED",
                        "false (read as TA_CLICKHOUSE_REQUIRE_REPLICATED_TABLES)");
        assertThat(TaConfigKey.TA_CLICKHOUSE_REQUIRE_REPLICATED.aliasOf())
                .isEqualTo(TaConfigKey.TA_CLICKHOUSE_REQUIRE_REPLICATED_TABLES);
        assertThat(TaConfigKey.TA_CLICKHOUSE_REQUIRE_REPLICATED_TABLES.aliasOf()).isNull();

        env.remove("TA_CLICKHOUSE_REQUIRE_REPLICATED");
        assertThat(TaConfig.fromEnv(env).clickhouseRequireReplicated).isTrue();

        env.put("TA_CLICKHOUSE_REQUIRE_REPLICATED_TABLES", "true");
        env.put("TA_CLICKHOUSE_REQUIRE_REPLICATED", "false");
        assertThatThrownBy(() -> TaConfig.fromEnv(env))
                .hasMessageContaining(
                        "TA_CLICKHOUSE_REQUIRE_REPLICATED='false' disagrees with"
                                + " TA_CLICKHOUSE_REQUIRE_REPLICATED_TABLES='true'");
    }

    @Test
    void anUnknownTaVariableIsWarnedAboutWithTheNearestKeyAndNoValue() {
        Map<String, String> env = new HashMap<>();
        env.put("TA_KAFKA_SECURITY", "PLAINTEXT");
        env.put("TA_CLICKHOUSE_BATCH_SZE", "500");
        env.put("TA_KAFKA_PASWORD", SECRET);
        env.put("TA_HTTP_PORT", "8080");
        env.put("TORGHUT_TA_VERSION", "not ours: no TA_ prefix");
        assertThat(TaConfig.unknownKeys(env))
                .containsExactly(
                        new TaConfig.UnknownKey(
                                "TA_CLICKHOUSE_BATCH_SZE", "TA_CLICKHOUSE_BATCH_SIZE"),
                        new TaConfig.UnknownKey("TA_KAFKA_PASWORD", "TA_KAFKA_PASSWORD"));
        try (RecordedLog log = RecordedLog.of(TaConfig.class)) {
            TaConfig.fromEnv(env);
            assertThat(log.lines())
                    .contains(
                            "WARN TA_CLICKHOUSE_BATCH_SZE is set but the job does not know it"
                                    + " (nearest known key: TA_CLICKHOUSE_BATCH_SIZE); a typo here"
                                    + " leaves that setting at its default",
                            "WARN TA_KAFKA_PASWORD is set but the job does not know it (nearest"
                                    + " known key: TA_KAFKA_PASSWORD); a typo here leaves that"
                                    + " setting at its default",
                            "INFO TA_HTTP_PORT is set but ignored (legacy key): unused by the"
                                    + " Flink job");
            assertThat(log.text()).doesNotContain(SECRET).doesNotContain("500");
        }
    }

    @Test
    void editDistanceCountsSingleCharacterEdits() {
        assertThat(TaConfig.editDistance("TA_GROUP_ID", "TA_GROUP_ID")).isZero();
        assertThat(TaConfig.editDistance("TA_GROUP_D", "TA_GROUP_ID")).isEqualTo(1);
        assertThat(TaConfig.editDistance("TA_GRUOP_ID", "TA_GROUP_ID")).isEqualTo(2);
        assertThat(TaConfig.editDistance("", "ABC")).isEqualTo(3);
    }

    @Test
    void everyKeyIsDocumented() throws java.io.IOException {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/job.md"));
        for (String key : TaConfigKeys.all()) {
            assertThat(doc).as("docs/job.md documents " + key).contains("| `" + key + "` |");
        }
    }
}
