package io.torghut.ta.job.sources;

import io.torghut.ta.job.config.TaConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.slf4j.Logger;

/**
 * Asks the configured Kafka brokers, once at start-up, who they are: with the job's own security
 * settings, within {@code TA_KAFKA_CONNECT_TIMEOUT_MS}. Without this check an unreachable broker
 * shows only as a job that reads nothing (the Kafka clients retry forever, the local run prints "0
 * bars" every few seconds), and a rejected password only as a restart loop whose exceptions do not
 * name the user.
 *
 * <p>When the brokers do not answer, the message names every bootstrap address and what was tried
 * there (name resolution, a TCP connection, the security protocol and SASL mechanism and user);
 * when they refuse the credentials, it names the mechanism and the user. The password is never part
 * of a message.
 */
public final class KafkaBrokerCheck {
    private static final Duration TCP_PROBE_TIMEOUT = Duration.ofSeconds(3);

    private KafkaBrokerCheck() {}

    /** Why the brokers could not be used. */
    public enum Problem {
        /** No broker answered within the timeout. */
        UNREACHABLE,
        /** A broker answered and refused the credentials. */
        AUTHENTICATION_FAILED
    }

    /** The check failed: {@link #problem()} says how, the message says what was tried. */
    public static final class BrokerUnavailableException extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private final Problem problem;

        BrokerUnavailableException(Problem problem, String message, Throwable cause) {
            super(message, cause);
            this.problem = problem;
        }

        /** Whether the brokers did not answer or refused the credentials. */
        public Problem problem() {
            return problem;
        }
    }

    /**
     * What the cluster job does before it builds its graph: a refused password fails start-up (no
     * restart can fix it, only a new Secret); brokers that do not answer are logged as an error
     * naming what was tried, and start-up goes on, because the sources retry and the job starts
     * reading when the brokers come back (a failed {@code main} would instead leave the deployment
     * FAILED until someone redeploys it).
     *
     * @throws BrokerUnavailableException when the brokers refuse the credentials
     */
    public static void atJobStart(TaConfig c, Logger log) {
        try {
            require(c);
        } catch (BrokerUnavailableException e) {
            if (e.problem() == Problem.AUTHENTICATION_FAILED) {
                throw e;
            }
            log.error("{} Starting anyway: the Kafka clients keep retrying.", e.getMessage());
        }
    }

    /**
     * Returns once a broker has answered with the job's security settings.
     *
     * @throws BrokerUnavailableException when none answered within {@code
     *     TA_KAFKA_CONNECT_TIMEOUT_MS} or the credentials were refused
     */
    public static void require(TaConfig c) {
        Duration timeout = Duration.ofMillis(c.kafkaConnectTimeoutMs);
        Properties p = KafkaSources.securityProperties(c);
        p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, c.kafkaBootstrap);
        p.setProperty(AdminClientConfig.CLIENT_ID_CONFIG, c.clientId + "-broker-check");
        p.setProperty(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        p.setProperty(
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                Long.toString(Math.min(timeout.toMillis(), 30_000)));
        long started = System.nanoTime();
        try (Admin admin = Admin.create(p)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes()
                    .get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure(c, e.getCause(), started);
        } catch (java.util.concurrent.TimeoutException e) {
            throw failure(c, e, started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException(
                    Problem.UNREACHABLE,
                    "interrupted while asking Kafka at " + c.kafkaBootstrap,
                    e);
        } catch (AuthenticationException e) {
            throw failure(c, e, started);
        } catch (KafkaException e) {
            // e.g. no bootstrap address resolves: the client refuses to start at all.
            throw failure(c, e, started);
        }
    }

    private static BrokerUnavailableException failure(TaConfig c, Throwable cause, long started) {
        String as = identity(c);
        if (cause instanceof AuthenticationException) {
            return new BrokerUnavailableException(
                    Problem.AUTHENTICATION_FAILED,
                    "Kafka at "
                            + c.kafkaBootstrap
                            + " refused the credentials of "
                            + as
                            + ": "
                            + cause.getMessage()
                            + ". Check TA_KAFKA_USERNAME and the Secret behind TA_KAFKA_PASSWORD"
                            + " (a rotated password needs the pods restarted with the new one).",
                    cause);
        }
        long waited = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        return new BrokerUnavailableException(
                Problem.UNREACHABLE,
                "No Kafka broker answered within "
                        + waited
                        + " s (TA_KAFKA_CONNECT_TIMEOUT_MS="
                        + c.kafkaConnectTimeoutMs
                        + "). Tried TA_KAFKA_BOOTSTRAP="
                        + c.kafkaBootstrap
                        + " as "
                        + as
                        + ": "
                        + String.join("; ", probeAddresses(c.kafkaBootstrap))
                        + ". The client said: "
                        + cause,
                cause);
    }

    /** The security protocol, and for SASL the mechanism and user, never the password. */
    private static String identity(TaConfig c) {
        if (!c.kafkaSecurity.startsWith("SASL")) {
            return c.kafkaSecurity + " (no SASL user)";
        }
        return c.kafkaSecurity
                + " with SASL mechanism "
                + c.kafkaSaslMechanism
                + " as user '"
                + c.kafkaUsername
                + "'";
    }

    /**
     * For every bootstrap address, what resolving the name and opening a TCP connection to it gave:
     * tells a wrong name from a closed port from a broker that accepts connections and does not
     * speak (a wrong security protocol, or a listener for other clients).
     */
    static List<String> probeAddresses(String bootstrap) {
        List<String> out = new ArrayList<>();
        for (String entry : bootstrap.split(",")) {
            String address = entry.trim();
            int colon = address.lastIndexOf(':');
            if (address.isEmpty()) {
                continue;
            }
            if (colon <= 0 || colon == address.length() - 1) {
                out.add(address + ": not host:port");
                continue;
            }
            String host = address.substring(0, colon).replace("[", "").replace("]", "");
            int port;
            try {
                port = Integer.parseInt(address.substring(colon + 1));
            } catch (NumberFormatException e) {
                out.add(address + ": port is not a number");
                continue;
            }
            InetAddress ip;
            try {
                ip = InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                out.add(address + ": the name does not resolve");
                continue;
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(ip, port), (int) TCP_PROBE_TIMEOUT.toMillis());
                out.add(
                        address
                                + ": "
                                + ip.getHostAddress()
                                + " accepts TCP connections, but no Kafka answer came back"
                                + " (wrong security protocol or listener?)");
            } catch (java.net.SocketTimeoutException e) {
                out.add(
                        address
                                + ": "
                                + ip.getHostAddress()
                                + " did not accept a TCP connection within "
                                + TCP_PROBE_TIMEOUT.toSeconds()
                                + " s");
            } catch (IOException e) {
                out.add(address + ": " + ip.getHostAddress() + " refused: " + e.getMessage());
            }
        }
        return out;
    }
}
