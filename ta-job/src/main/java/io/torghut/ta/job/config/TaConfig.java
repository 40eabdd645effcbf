package io.torghut.ta.job.config;

import java.io.Serializable;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's validated configuration, read from {@code TA_*} environment variables ({@link
 * TaConfigKey}). {@link #fromEnv(Map)} checks every value and reports all problems at once, each
 * naming the variable, the value and what is allowed. Secrets are kept out of {@link #toString()}
 * and out of every message.
 */
public final class TaConfig implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(TaConfig.class);

    /** Delivery guarantee of the Kafka sinks. */
    public enum Delivery {
        AT_LEAST_ONCE,
        EXACTLY_ONCE,
        NONE
    }

    private final Map<TaConfigKey, String> raw;
    public final String kafkaBootstrap;
    public final String kafkaSecurity;
    public final String kafkaSaslMechanism;
    public final String kafkaUsername;
    private final String kafkaPassword;
    public final String tradesTopic;
    public final String quotesTopic;
    public final String bars1mTopic;
    public final String microbarsTopic;
    public final String signalsTopic;
    public final String statusTopic;
    public final String deadLetterTopic;
    public final String groupId;
    public final String clientId;
    public final String autoOffsetReset;
    public final String checkpointDir;
    public final String savepointDir;
    public final long checkpointIntervalMs;
    public final long checkpointTimeoutMs;
    public final long checkpointPauseMs;
    public final long maxOutOfOrderMs;
    public final long watermarkIdleTimeoutMs;
    public final long quoteStaleAfterMs;
    public final long sourceLagDegradedAfterMs;
    public final int parallelism;
    public final long vwapWindowMs;
    public final long realizedVolWindowMs;
    public final String s3Endpoint;
    public final boolean s3PathStyle;
    public final boolean s3Secure;
    private final String s3AccessKey;
    private final String s3SecretKey;
    public final Delivery delivery;
    public final long transactionTimeoutMs;
    public final long kafkaConnectTimeoutMs;
    public final String clickhouseUrl;
    public final String clickhouseUsername;
    private final String clickhousePassword;
    public final int clickhouseBatchSize;
    public final int clickhouseBatchBytes;
    public final long clickhouseFlushMs;
    public final int clickhouseMaxRetries;
    public final int clickhouseSinkParallelism;
    public final int clickhouseConnTimeoutSeconds;
    public final int clickhouseSchemaInitMaxRetries;
    public final long clickhouseSchemaInitRetryDelayMs;
    public final boolean clickhouseSchemaInitStrict;
    public final boolean clickhouseRequireReplicated;
    public final boolean clickhouseCreateTables;
    public final long allowedLatenessMs;
    public final ZoneId sessionZone;
    public final long statusIntervalMs;
    public final long freshnessAlertMs;
    public final long maxFutureSkewMs;
    public final long maxEventAgeMs;
    public final int maxRecordBytes;

    private TaConfig(Reader r) {
        this.raw = r.values;
        kafkaBootstrap = r.required(TaConfigKey.TA_KAFKA_BOOTSTRAP);
        kafkaSecurity =
                r.oneOf(
                        TaConfigKey.TA_KAFKA_SECURITY,
                        Set.of("PLAINTEXT", "SASL_PLAINTEXT", "SASL_SSL", "SSL"));
        kafkaSaslMechanism =
                r.oneOf(
                        TaConfigKey.TA_KAFKA_SASL_MECH,
                        Set.of("SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN"));
        kafkaUsername = r.optional(TaConfigKey.TA_KAFKA_USERNAME);
        kafkaPassword = r.optional(TaConfigKey.TA_KAFKA_PASSWORD);
        tradesTopic = r.required(TaConfigKey.TA_TRADES_TOPIC);
        quotesTopic = r.optional(TaConfigKey.TA_QUOTES_TOPIC);
        bars1mTopic = r.optional(TaConfigKey.TA_BARS1M_TOPIC);
        microbarsTopic = r.required(TaConfigKey.TA_MICROBARS_TOPIC);
        signalsTopic = r.required(TaConfigKey.TA_SIGNALS_TOPIC);
        statusTopic = r.optional(TaConfigKey.TA_STATUS_TOPIC);
        deadLetterTopic = r.optional(TaConfigKey.TA_DEADLETTER_TOPIC);
        groupId = r.required(TaConfigKey.TA_GROUP_ID);
        clientId = r.required(TaConfigKey.TA_CLIENT_ID);
        autoOffsetReset = r.oneOf(TaConfigKey.TA_AUTO_OFFSET_RESET, Set.of("earliest", "latest"));
        checkpointDir = r.optional(TaConfigKey.TA_CHECKPOINT_DIR);
        savepointDir = r.optional(TaConfigKey.TA_SAVEPOINT_DIR);
        checkpointIntervalMs = r.longIn(TaConfigKey.TA_CHECKPOINT_INTERVAL_MS, 100, 86_400_000);
        checkpointTimeoutMs = r.longIn(TaConfigKey.TA_CHECKPOINT_TIMEOUT_MS, 1000, 86_400_000);
        checkpointPauseMs = r.longIn(TaConfigKey.TA_CHECKPOINT_PAUSE_MS, 0, 86_400_000);
        maxOutOfOrderMs = r.longIn(TaConfigKey.TA_MAX_OUT_OF_ORDER_MS, 0, 3_600_000);
        watermarkIdleTimeoutMs =
                r.longIn(TaConfigKey.TA_WATERMARK_IDLE_TIMEOUT_MS, 1000, 86_400_000);
        quoteStaleAfterMs = r.longIn(TaConfigKey.TA_QUOTE_STALE_AFTER_MS, 0, 3_600_000);
        sourceLagDegradedAfterMs =
                r.longIn(TaConfigKey.TA_SOURCE_LAG_DEGRADED_AFTER_MS, 1000, 86_400_000);
        parallelism = (int) r.longIn(TaConfigKey.TA_PARALLELISM, 1, 1024);
        vwapWindowMs = 1000 * r.longIn(TaConfigKey.TA_VWAP_WINDOW_SECONDS, 1, 86_400);
        realizedVolWindowMs = 1000 * r.longIn(TaConfigKey.TA_REALIZED_VOL_WINDOW, 1, 86_400);
        s3Endpoint = r.optional(TaConfigKey.TA_S3_ENDPOINT);
        s3PathStyle = r.bool(TaConfigKey.TA_S3_PATH_STYLE);
        s3Secure = r.bool(TaConfigKey.TA_S3_SECURE);
        s3AccessKey = r.optional(TaConfigKey.TA_S3_ACCESS_KEY);
        s3SecretKey = r.optional(TaConfigKey.TA_S3_SECRET_KEY);
        delivery =
                Delivery.valueOf(
                        r.oneOf(
                                TaConfigKey.TA_KAFKA_DELIVERY_GUARANTEE,
                                Set.of("AT_LEAST_ONCE", "EXACTLY_ONCE", "NONE"),
                                true));
        transactionTimeoutMs =
                r.longIn(TaConfigKey.TA_KAFKA_TRANSACTION_TIMEOUT_MS, 1000, 3_600_000);
        kafkaConnectTimeoutMs = r.longIn(TaConfigKey.TA_KAFKA_CONNECT_TIMEOUT_MS, 1000, 3_600_000);
        clickhouseUrl = r.optional(TaConfigKey.TA_CLICKHOUSE_URL);
        if (clickhouseUrl != null) {
            try {
                io.torghut.ta.job.clickhouse.ClickHouseEndpoint.parse(clickhouseUrl);
            } catch (IllegalArgumentException e) {
                r.problem(TaConfigKey.TA_CLICKHOUSE_URL, e.getMessage());
            }
        }
        clickhouseUsername = r.optional(TaConfigKey.TA_CLICKHOUSE_USERNAME);
        clickhousePassword = r.optional(TaConfigKey.TA_CLICKHOUSE_PASSWORD);
        clickhouseBatchSize = (int) r.longIn(TaConfigKey.TA_CLICKHOUSE_BATCH_SIZE, 1, 1_000_000);
        clickhouseBatchBytes =
                (int) r.longIn(TaConfigKey.TA_CLICKHOUSE_BATCH_BYTES, 1024, 1L << 30);
        clickhouseFlushMs = r.longIn(TaConfigKey.TA_CLICKHOUSE_FLUSH_MS, 0, 3_600_000);
        clickhouseMaxRetries = (int) r.longIn(TaConfigKey.TA_CLICKHOUSE_MAX_RETRIES, 0, 100);
        clickhouseSinkParallelism =
                (int) r.longIn(TaConfigKey.TA_CLICKHOUSE_SINK_PARALLELISM, 1, 1024);
        clickhouseConnTimeoutSeconds =
                (int) r.longIn(TaConfigKey.TA_CLICKHOUSE_CONN_TIMEOUT_SECONDS, 1, 3600);
        clickhouseSchemaInitMaxRetries =
                (int) r.longIn(TaConfigKey.TA_CLICKHOUSE_SCHEMA_INIT_MAX_RETRIES, 0, 100_000);
        clickhouseSchemaInitRetryDelayMs =
                r.longIn(TaConfigKey.TA_CLICKHOUSE_SCHEMA_INIT_RETRY_DELAY_MS, 0, 600_000);
        clickhouseSchemaInitStrict = r.bool(TaConfigKey.TA_CLICKHOUSE_SCHEMA_INIT_STRICT);
        clickhouseRequireReplicated = r.bool(TaConfigKey.TA_CLICKHOUSE_REQUIRE_REPLICATED_TABLES);
        clickhouseCreateTables = r.bool(TaConfigKey.TA_CLICKHOUSE_CREATE_TABLES);
        allowedLatenessMs = r.longIn(TaConfigKey.TA_ALLOWED_LATENESS_MS, 0, 3_600_000);
        sessionZone = r.zone(TaConfigKey.TA_SESSION_TIMEZONE);
        statusIntervalMs = r.longIn(TaConfigKey.TA_STATUS_INTERVAL_MS, 1000, 3_600_000);
        freshnessAlertMs = r.longIn(TaConfigKey.TA_FRESHNESS_ALERT_MS, 1000, 86_400_000);
        maxFutureSkewMs = r.longIn(TaConfigKey.TA_MAX_FUTURE_SKEW_MS, 0, 86_400_000);
        maxEventAgeMs = r.longIn(TaConfigKey.TA_MAX_EVENT_AGE_MS, 1000, 366L * 86_400_000);
        maxRecordBytes = (int) r.longIn(TaConfigKey.TA_MAX_RECORD_BYTES, 256, 16 << 20);
        if (kafkaSecurity.startsWith("SASL") && (kafkaUsername == null || kafkaPassword == null)) {
            r.problem(
                    TaConfigKey.TA_KAFKA_SECURITY,
                    "needs TA_KAFKA_USERNAME and TA_KAFKA_PASSWORD to be set (use PLAINTEXT for"
                            + " an unauthenticated broker)");
        }
        if ((s3AccessKey == null) != (s3SecretKey == null)) {
            r.problem(
                    TaConfigKey.TA_S3_ACCESS_KEY,
                    "TA_S3_ACCESS_KEY and TA_S3_SECRET_KEY must be set together");
        }
        r.throwIfProblems();
    }

    /**
     * Reads and validates the configuration from environment-style key/value pairs, and logs a
     * warning for every {@code TA_*} variable the job does not know ({@link #unknownKeys}) and an
     * info line for every legacy key that is set (the reason it is ignored). Values are never
     * logged here: an unknown variable may be a misspelt secret.
     */
    public static TaConfig fromEnv(Map<String, String> env) {
        TaConfig config = new TaConfig(new Reader(env));
        for (UnknownKey u : unknownKeys(env)) {
            LOG.warn(
                    "{} is set but the job does not know it (nearest known key: {}); a typo"
                            + " here leaves that setting at its default",
                    u.name(),
                    u.nearest());
        }
        for (TaConfigKey k : TaConfigKey.values()) {
            if (k.kind() == TaConfigKey.Kind.LEGACY && config.raw.containsKey(k)) {
                LOG.info("{} is set but ignored (legacy key): {}", k.name(), k.description());
            } else if (k.kind() == TaConfigKey.Kind.ALIAS && config.raw.containsKey(k)) {
                LOG.info("{} is read as {}, its name in production", k.name(), k.aliasOf());
            }
        }
        return config;
    }

    /**
     * A {@code TA_*} variable the job does not read, with the known key nearest to it (fewest
     * single-character edits; a typo is usually one or two away).
     */
    public record UnknownKey(String name, String nearest) {}

    /** The {@code TA_*} variables of {@code env} that are not keys of the job, sorted by name. */
    public static List<UnknownKey> unknownKeys(Map<String, String> env) {
        Set<String> known = TaConfigKey.names();
        List<UnknownKey> out = new ArrayList<>();
        for (String name : new java.util.TreeSet<>(env.keySet())) {
            if (name.startsWith("TA_") && !known.contains(name)) {
                String nearest = null;
                int best = Integer.MAX_VALUE;
                for (String k : known) {
                    int d = editDistance(name, k);
                    if (d < best) {
                        best = d;
                        nearest = k;
                    }
                }
                out.add(new UnknownKey(name, nearest));
            }
        }
        return out;
    }

    /** Levenshtein distance: insertions, deletions and substitutions of one character. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** The Kafka SASL password, or {@code null}. Never log it. */
    public String kafkaPassword() {
        return kafkaPassword;
    }

    /** The ClickHouse password, or {@code null}. Never log it. */
    public String clickhousePassword() {
        return clickhousePassword;
    }

    /** The S3 access key, or {@code null}. Never log it. */
    public String s3AccessKey() {
        return s3AccessKey;
    }

    /** The S3 secret key, or {@code null}. Never log it. */
    public String s3SecretKey() {
        return s3SecretKey;
    }

    /** Every setting as read, with secrets masked: safe to log. */
    public Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        for (TaConfigKey k : TaConfigKey.values()) {
            String v = raw.get(k);
            if (k.isSecret()) {
                out.put(k.name(), v == null ? "(unset)" : "(set, hidden)");
            } else if (k.kind() == TaConfigKey.Kind.LEGACY) {
                if (v != null) {
                    out.put(k.name(), v + " (ignored: " + k.description() + ")");
                }
            } else if (k.kind() == TaConfigKey.Kind.ALIAS) {
                if (v != null) {
                    out.put(k.name(), v + " (read as " + k.aliasOf() + ")");
                }
            } else {
                out.put(k.name(), v == null ? "(unset)" : v);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "TaConfig" + describe();
    }

    /** Collects values and problems; never echoes a secret's value. */
    private static final class Reader {
        private final Map<TaConfigKey, String> values = new LinkedHashMap<>();
        private final List<String> problems = new ArrayList<>();

        Reader(Map<String, String> env) {
            for (TaConfigKey k : TaConfigKey.values()) {
                String v = env.get(k.name());
                if (v != null && !v.trim().isEmpty()) {
                    values.put(k, v.trim());
                } else if (v == null && k.defaultValue() != null) {
                    values.put(k, k.defaultValue());
                }
            }
            // An alias counts only where its key is not set; set both, they must agree.
            for (TaConfigKey alias : TaConfigKey.values()) {
                String v = values.get(alias);
                TaConfigKey key = alias.aliasOf();
                if (key == null || v == null) {
                    continue;
                }
                String given = env.get(key.name());
                if (given == null || given.trim().isEmpty()) {
                    values.put(key, v);
                } else if (!v.equals(values.get(key))) {
                    problems.add(
                            alias.name()
                                    + "='"
                                    + v
                                    + "' disagrees with "
                                    + key.name()
                                    + "='"
                                    + values.get(key)
                                    + "': it is an alias of that key; set one of them");
                }
            }
        }

        void problem(TaConfigKey key, String allowed) {
            String shown = key.isSecret() ? "(hidden)" : "'" + values.get(key) + "'";
            problems.add(key.name() + "=" + shown + ": " + allowed);
        }

        String optional(TaConfigKey key) {
            return values.get(key);
        }

        String required(TaConfigKey key) {
            String v = values.get(key);
            if (v == null) {
                problems.add(key.name() + " is empty: it must be set (" + key.description() + ")");
            }
            return v;
        }

        String oneOf(TaConfigKey key, Set<String> allowed) {
            return oneOf(key, allowed, false);
        }

        String oneOf(TaConfigKey key, Set<String> allowed, boolean upperCase) {
            String v = values.get(key);
            if (v == null) {
                v = key.defaultValue();
            }
            String normalized = upperCase ? v.toUpperCase(Locale.ROOT) : v;
            for (String a : allowed) {
                if (a.equalsIgnoreCase(normalized)) {
                    return a;
                }
            }
            problem(key, "must be one of " + new java.util.TreeSet<>(allowed));
            return allowed.iterator().next();
        }

        long longIn(TaConfigKey key, long min, long max) {
            String v = values.get(key);
            if (v == null) {
                v = key.defaultValue();
            }
            try {
                long n = Long.parseLong(v);
                if (n < min || n > max) {
                    problem(key, "must be an integer in [" + min + ", " + max + "]");
                    return min;
                }
                return n;
            } catch (NumberFormatException e) {
                problem(key, "must be an integer in [" + min + ", " + max + "]");
                return min;
            }
        }

        boolean bool(TaConfigKey key) {
            String v = values.get(key);
            if (v == null) {
                v = key.defaultValue();
            }
            switch (v.toLowerCase(Locale.ROOT)) {
                case "true":
                case "1":
                case "yes":
                    return true;
                case "false":
                case "0":
                case "no":
                    return false;
                default:
                    problem(key, "must be true or false (also 1/0, yes/no)");
                    return false;
            }
        }

        ZoneId zone(TaConfigKey key) {
            String v = values.getOrDefault(key, key.defaultValue());
            try {
                return ZoneId.of(v);
            } catch (DateTimeException e) {
                problem(key, "must be a time zone id such as America/New_York or UTC");
                return ZoneId.of("UTC");
            }
        }

        void throwIfProblems() {
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(
                        "Invalid configuration:\n  - " + String.join("\n  - ", problems));
            }
        }
    }
}
