package io.torghut.ta.replay.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torghut.ta.replay.input.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link KafkaConnection}: the job's {@code TA_KAFKA_*} security settings become the client's, a
 * {@code --kafka-config} file wins over them, and the password never shows in {@code toString}.
 */
class KafkaConnectionTest {
    static final String PASSWORD = "rotated-Pa55-q7";

    @Test
    void theJobsSaslSettingsBecomeTheClientsAndTheFileWinsOverThem(@TempDir Path dir)
            throws Exception {
        Map<String, String> env =
                Map.of(
                        "TA_KAFKA_SECURITY", "SASL_PLAINTEXT",
                        "TA_KAFKA_SASL_MECH", "SCRAM-SHA-512",
                        "TA_KAFKA_USERNAME", "torghut-ws",
                        "TA_KAFKA_PASSWORD", PASSWORD);
        KafkaConnection c =
                new KafkaConnection(
                        "broker:9092", null, KafkaConnection.securityFromEnvironment(env::get));
        Properties p = c.clientProperties("broker:9092");
        assertThat(p)
                .containsEntry("bootstrap.servers", "broker:9092")
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry(
                        "sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required"
                                + " username=\"torghut-ws\" password=\""
                                + PASSWORD
                                + "\";");
        assertThat(c.toString())
                .doesNotContain(PASSWORD)
                .contains("security.protocol=SASL_PLAINTEXT")
                .contains("sasl.mechanism=SCRAM-SHA-512");

        Path file = dir.resolve("client.properties");
        Files.writeString(file, "security.protocol=PLAINTEXT\n");
        assertThat(
                        new KafkaConnection("b:1", file, c.security())
                                .clientProperties("b:1")
                                .getProperty("security.protocol"))
                .isEqualTo("PLAINTEXT");
    }

    @Test
    void withoutTaKafkaSecurityNothingIsAddedAndSaslWithoutCredentialsIsBadInput() {
        assertThat(KafkaConnection.securityFromEnvironment(k -> null)).isEmpty();
        assertThat(
                        KafkaConnection.securityFromEnvironment(
                                Map.of("TA_KAFKA_SECURITY", "plaintext")::get))
                .containsExactly(Map.entry("security.protocol", "PLAINTEXT"));
        assertThatThrownBy(
                        () ->
                                KafkaConnection.securityFromEnvironment(
                                        Map.of("TA_KAFKA_SECURITY", "SASL_PLAINTEXT")::get))
                .isInstanceOf(BadInputException.class)
                .hasMessage(
                        "TA_KAFKA_SECURITY=SASL_PLAINTEXT needs TA_KAFKA_USERNAME and"
                                + " TA_KAFKA_PASSWORD (the job's Secret), or --kafka-config");
        assertThat(KafkaConnection.NONE).isEqualTo(new KafkaConnection(null, null));
    }

    @Test
    void aRefusedLoginNamesTheMechanismAndTheUserButNeverThePassword() {
        Properties p =
                KafkaConnection.securityFromEnvironment(
                        Map.of(
                                        "TA_KAFKA_SECURITY", "SASL_PLAINTEXT",
                                        "TA_KAFKA_SASL_MECH", "SCRAM-SHA-512",
                                        "TA_KAFKA_USERNAME", "torghut-ws",
                                        "TA_KAFKA_PASSWORD", PASSWORD)
                                ::get);
        assertThat(KafkaConnection.identity(p))
                .isEqualTo("SASL_PLAINTEXT SCRAM-SHA-512 as user 'torghut-ws'");
        Exception refused =
                new org.apache.kafka.common.KafkaException(
                        new org.apache.kafka.common.errors.SaslAuthenticationException(
                                "Authentication failed during authentication due to invalid"
                                        + " credentials with SASL mechanism SCRAM-SHA-512"));
        assertThat(KafkaConnection.failure("broker:9093", p, refused))
                .isEqualTo(
                        "Kafka at broker:9093 refused the credentials of SASL_PLAINTEXT"
                                + " SCRAM-SHA-512 as user 'torghut-ws': Authentication failed"
                                + " during authentication due to invalid credentials with SASL"
                                + " mechanism SCRAM-SHA-512")
                .doesNotContain(PASSWORD);
        assertThat(
                        KafkaConnection.failure(
                                "broker:9093", p, new RuntimeException("connection refused")))
                .isEqualTo("Kafka at broker:9093 failed: connection refused");
        assertThat(KafkaConnection.identity(new Properties())).isEqualTo("PLAINTEXT (no user)");
    }
}
