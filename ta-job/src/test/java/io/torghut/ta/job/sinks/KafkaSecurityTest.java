package io.torghut.ta.job.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.job.sources.KafkaSources;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The Kafka client settings built from the TA_* configuration, for SASL and plaintext. */
class KafkaSecurityTest {
    static Map<String, String> env(String security) {
        Map<String, String> env = new HashMap<>();
        env.put("TA_KAFKA_SECURITY", security);
        env.put("TA_KAFKA_USERNAME", "torghut-ws");
        env.put("TA_KAFKA_PASSWORD", "p\"a\\ss");
        return env;
    }

    @Test
    void saslScramBuildsAJaasConfigWithTheEscapedCredentials() {
        Properties p = KafkaSources.securityProperties(TaConfig.fromEnv(env("SASL_PLAINTEXT")));
        assertThat(p.getProperty("security.protocol")).isEqualTo("SASL_PLAINTEXT");
        assertThat(p.getProperty("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
        assertThat(p.getProperty("sasl.jaas.config"))
                .isEqualTo(
                        "org.apache.kafka.common.security.scram.ScramLoginModule required"
                                + " username=\"torghut-ws\" password=\"p\\\"a\\\\ss\";");
    }

    @Test
    void plainMechanismAndPlaintextProtocol() {
        Map<String, String> e = env("SASL_SSL");
        e.put("TA_KAFKA_SASL_MECH", "PLAIN");
        assertThat(
                        KafkaSources.securityProperties(TaConfig.fromEnv(e))
                                .getProperty("sasl.jaas.config"))
                .startsWith("org.apache.kafka.common.security.plain.PlainLoginModule required");
        Properties plain = KafkaSources.securityProperties(TaConfig.fromEnv(env("PLAINTEXT")));
        assertThat(plain.getProperty("security.protocol")).isEqualTo("PLAINTEXT");
        assertThat(plain.getProperty("sasl.jaas.config")).isNull();
    }

    @Test
    void eachDeliveryGuaranteeGivesItsProducerSettingsAndTheSinksBuild() {
        for (String guarantee : new String[] {"AT_LEAST_ONCE", "EXACTLY_ONCE", "NONE"}) {
            Map<String, String> e = env("SASL_PLAINTEXT");
            e.put("TA_KAFKA_DELIVERY_GUARANTEE", guarantee);
            e.put("TA_CLIENT_ID", "ta-client");
            e.put("TA_KAFKA_TRANSACTION_TIMEOUT_MS", "90000");
            TaConfig c = TaConfig.fromEnv(e);
            assertThat(KafkaSinks.bars(c)).isNotNull();
            assertThat(KafkaSinks.signals(c)).isNotNull();

            KafkaSinks.Settings s = KafkaSinks.settings(c, "signals");
            assertThat(s.guarantee().name()).isEqualTo(guarantee);
            Properties p = s.producer();
            assertThat(p.getProperty("acks")).isEqualTo("all");
            assertThat(p.getProperty("enable.idempotence")).isEqualTo("true");
            assertThat(p.getProperty("compression.type")).isEqualTo("lz4");
            assertThat(p.getProperty("client.id")).isEqualTo("ta-client-signals");
            // The sink authenticates as the sources do.
            assertThat(p.getProperty("security.protocol")).isEqualTo("SASL_PLAINTEXT");
            assertThat(p.getProperty("sasl.jaas.config")).contains("username=\"torghut-ws\"");
            if (guarantee.equals("EXACTLY_ONCE")) {
                assertThat(s.transactionalIdPrefix()).isEqualTo("ta-client-signals");
                assertThat(p.getProperty("transaction.timeout.ms")).isEqualTo("90000");
            } else {
                assertThat(s.transactionalIdPrefix()).isNull();
                assertThat(p.getProperty("transaction.timeout.ms")).isNull();
            }
        }
    }
}
