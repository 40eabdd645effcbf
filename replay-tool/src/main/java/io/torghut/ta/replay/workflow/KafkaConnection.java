package io.torghut.ta.replay.workflow;

import io.torghut.ta.replay.input.BadInputException;
import io.torghut.ta.replay.input.InputFiles;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Function;

/**
 * How to reach Kafka when a command talks to it: the bootstrap servers (null: the command's
 * default), the job's own security settings read from the {@code TA_KAFKA_*} environment (empty:
 * none), and a client properties file (null: none) whose values win over them. Security settings
 * and the file's values are credentials and are never printed.
 *
 * @param bootstrap bootstrap servers, e.g. {@code kafka-kafka-bootstrap.kafka:9092}
 * @param configFile client properties (security.protocol, sasl.*), or null
 * @param security client properties from {@link #securityFromEnvironment}, possibly empty
 */
public record KafkaConnection(String bootstrap, Path configFile, Properties security) {
    /** No broker given on the command line. */
    public static final KafkaConnection NONE = new KafkaConnection(null, null);

    /** A connection without security settings from the environment. */
    public KafkaConnection(String bootstrap, Path configFile) {
        this(bootstrap, configFile, new Properties());
    }

    /** Copies {@code security}, so the record stays as built. */
    public KafkaConnection {
        Properties copy = new Properties();
        if (security != null) {
            copy.putAll(security);
        }
        security = copy;
    }

    /**
     * The client properties with {@code bootstrapServers} set: the security settings, then the
     * file's values over them; a missing or unreadable file is bad input.
     */
    public Properties clientProperties(String bootstrapServers) {
        Properties p = new Properties();
        p.putAll(security);
        if (configFile != null) {
            p.putAll(InputFiles.properties(configFile, "Kafka client properties file"));
        }
        p.put("bootstrap.servers", bootstrapServers);
        return p;
    }

    /**
     * The client security settings the TA job uses, from the same variables ({@code
     * TA_KAFKA_SECURITY}, {@code TA_KAFKA_SASL_MECH}, {@code TA_KAFKA_USERNAME}, {@code
     * TA_KAFKA_PASSWORD}), so oncall's commands authenticate as the job does with the job's Secret;
     * empty when {@code TA_KAFKA_SECURITY} is not set.
     *
     * @throws BadInputException when a SASL protocol is asked for without user or password, or a
     *     mechanism the job does not support
     */
    public static Properties securityFromEnvironment(Function<String, String> env) {
        Properties p = new Properties();
        String protocol = trimmed(env.apply("TA_KAFKA_SECURITY"));
        if (protocol == null) {
            return p;
        }
        protocol = protocol.toUpperCase(Locale.ROOT);
        p.put("security.protocol", protocol);
        if (!protocol.startsWith("SASL")) {
            return p;
        }
        String mechanism = trimmed(env.apply("TA_KAFKA_SASL_MECH"));
        mechanism = mechanism == null ? "SCRAM-SHA-512" : mechanism.toUpperCase(Locale.ROOT);
        String module;
        switch (mechanism) {
            case "SCRAM-SHA-512", "SCRAM-SHA-256" ->
                    module = "org.apache.kafka.common.security.scram.ScramLoginModule";
            case "PLAIN" -> module = "org.apache.kafka.common.security.plain.PlainLoginModule";
            default ->
                    throw new BadInputException(
                            "TA_KAFKA_SASL_MECH='"
                                    + mechanism
                                    + "' must be one of SCRAM-SHA-512, SCRAM-SHA-256, PLAIN");
        }
        String user = trimmed(env.apply("TA_KAFKA_USERNAME"));
        String password = trimmed(env.apply("TA_KAFKA_PASSWORD"));
        if (user == null || password == null) {
            throw new BadInputException(
                    "TA_KAFKA_SECURITY="
                            + protocol
                            + " needs TA_KAFKA_USERNAME and TA_KAFKA_PASSWORD (the job's Secret),"
                            + " or --kafka-config");
        }
        p.put("sasl.mechanism", mechanism);
        p.put(
                "sasl.jaas.config",
                module
                        + " required username=\""
                        + escape(user)
                        + "\" password=\""
                        + escape(password)
                        + "\";");
        return p;
    }

    /**
     * Who the client properties {@code p} authenticate as, for messages: the protocol, and for SASL
     * the mechanism and the user named in {@code sasl.jaas.config}; never the password.
     */
    public static String identity(Properties p) {
        String protocol = p.getProperty("security.protocol", "PLAINTEXT");
        if (!protocol.toUpperCase(Locale.ROOT).startsWith("SASL")) {
            return protocol + " (no user)";
        }
        java.util.regex.Matcher user =
                java.util.regex.Pattern.compile("username\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")
                        .matcher(p.getProperty("sasl.jaas.config", ""));
        return protocol
                + " "
                + p.getProperty("sasl.mechanism", "GSSAPI")
                + " as user '"
                + (user.find() ? user.group(1).replace("\\\"", "\"") : "?")
                + "'";
    }

    /**
     * The message of a Kafka call that failed: for refused credentials it names whom the client
     * authenticated as (never the password), otherwise what Kafka said.
     */
    public static String failure(String bootstrap, Properties p, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.apache.kafka.common.errors.AuthenticationException) {
                return "Kafka at "
                        + bootstrap
                        + " refused the credentials of "
                        + identity(p)
                        + ": "
                        + t.getMessage();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return "Kafka at " + bootstrap + " failed: " + e.getMessage();
    }

    /** Never the security settings' values: they hold the password. */
    @Override
    public String toString() {
        return "KafkaConnection[bootstrap="
                + bootstrap
                + ", configFile="
                + configFile
                + ", security.protocol="
                + security.getProperty("security.protocol", "(none)")
                + ", sasl.mechanism="
                + security.getProperty("sasl.mechanism", "(none)")
                + "]";
    }

    private static String trimmed(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
