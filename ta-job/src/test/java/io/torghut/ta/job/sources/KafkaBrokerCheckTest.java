package io.torghut.ta.job.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torghut.ta.job.config.TaConfig;
import io.torghut.ta.job.testutils.RecordedLog;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@link KafkaBrokerCheck} against addresses where no broker answers: a closed port, a name that
 * does not resolve, and a port that accepts TCP connections and never speaks Kafka. (A broker that
 * refuses the credentials is tested on a real SCRAM broker, in the reliability module.)
 */
class KafkaBrokerCheckTest {
    @Test
    void unreachableBrokersAreNamedWithWhatWasTriedAfterTheTimeout() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (ServerSocket silent = new ServerSocket(0)) {
            String bootstrap =
                    "127.0.0.1:"
                            + closed
                            + ",no-such-broker.invalid:9092,127.0.0.1:"
                            + silent.getLocalPort();
            TaConfig c =
                    TaConfig.fromEnv(
                            Map.of(
                                    "TA_KAFKA_BOOTSTRAP", bootstrap,
                                    "TA_KAFKA_USERNAME", "torghut-ws",
                                    "TA_KAFKA_PASSWORD", "never-printed-7Qz",
                                    "TA_KAFKA_CONNECT_TIMEOUT_MS", "2000"));
            long started = System.nanoTime();
            assertThatThrownBy(() -> KafkaBrokerCheck.require(c))
                    .isInstanceOfSatisfying(
                            KafkaBrokerCheck.BrokerUnavailableException.class,
                            e -> {
                                assertThat(e.problem())
                                        .isEqualTo(KafkaBrokerCheck.Problem.UNREACHABLE);
                                assertThat(e.getMessage())
                                        .contains("No Kafka broker answered within")
                                        .contains("TA_KAFKA_CONNECT_TIMEOUT_MS=2000")
                                        .contains("Tried TA_KAFKA_BOOTSTRAP=" + bootstrap)
                                        .contains(
                                                "as SASL_PLAINTEXT with SASL mechanism"
                                                        + " SCRAM-SHA-512 as user 'torghut-ws'")
                                        .contains("127.0.0.1:" + closed + ": 127.0.0.1 refused")
                                        .contains(
                                                "no-such-broker.invalid:9092: the name does not"
                                                        + " resolve")
                                        .contains(
                                                "127.0.0.1:"
                                                        + silent.getLocalPort()
                                                        + ": 127.0.0.1 accepts TCP connections,"
                                                        + " but no Kafka answer came back")
                                        .doesNotContain("never-printed-7Qz");
                            });
            assertThat((System.nanoTime() - started) / 1_000_000)
                    .as("bounded by the timeout plus the TCP probes")
                    .isLessThan(15_000);
        }
    }

    @Test
    void theClusterJobLogsUnreachableBrokersAsAnErrorAndStartsAnyway() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        TaConfig c =
                TaConfig.fromEnv(
                        Map.of(
                                "TA_KAFKA_BOOTSTRAP", "127.0.0.1:" + closed,
                                "TA_KAFKA_SECURITY", "PLAINTEXT",
                                "TA_KAFKA_CONNECT_TIMEOUT_MS", "1000"));
        try (RecordedLog log = RecordedLog.of(KafkaBrokerCheckTest.class)) {
            KafkaBrokerCheck.atJobStart(c, LoggerFactory.getLogger(KafkaBrokerCheckTest.class));
            assertThat(log.lines())
                    .singleElement()
                    .asString()
                    .startsWith("ERROR No Kafka broker answered within")
                    .contains("as PLAINTEXT (no SASL user)")
                    .contains("127.0.0.1:" + closed + ": 127.0.0.1 refused")
                    .endsWith("Starting anyway: the Kafka clients keep retrying.");
        }
    }

    @Test
    void addressesThatAreNotHostAndPortAreSaidToBe() {
        assertThat(KafkaBrokerCheck.probeAddresses("kafka, kafka:x ,"))
                .containsExactly("kafka: not host:port", "kafka:x: port is not a number");
    }
}
