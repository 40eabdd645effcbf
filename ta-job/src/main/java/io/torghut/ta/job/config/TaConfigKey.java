package io.torghut.ta.job.config;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every {@code TA_*} environment variable the job reads: the original job's names and meanings,
 * plus new settings with safe defaults. The enum constant's name is the variable's name.
 *
 * <p>Secrets are read from the environment (Kubernetes Secrets), never from the ConfigMap, and are
 * never logged. Legacy keys are accepted so the existing ConfigMap works unchanged, and ignored
 * with one log line saying why. An alias is another name of a key, read when the key itself is not
 * set. Any other {@code TA_*} variable is unknown: {@link TaConfig#fromEnv} warns about it, naming
 * the nearest key here.
 */
public enum TaConfigKey {
    TA_KAFKA_BOOTSTRAP("kafka-kafka-bootstrap.kafka:9092", "Kafka bootstrap servers"),
    TA_KAFKA_SECURITY("SASL_PLAINTEXT", "PLAINTEXT, SASL_PLAINTEXT, SASL_SSL or SSL"),
    TA_KAFKA_SASL_MECH("SCRAM-SHA-512", "SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN"),
    TA_KAFKA_USERNAME("torghut-ws", "SASL user"),
    TA_KAFKA_PASSWORD(null, "SASL password", Kind.SECRET),
    TA_SCHEMA_REGISTRY_URL(null, "unused: outputs are JSON", Kind.LEGACY),
    TA_TRADES_TOPIC("torghut.trades.v1", "trades input topic"),
    TA_QUOTES_TOPIC("torghut.quotes.v1", "quotes input topic; empty disables quotes"),
    TA_BARS1M_TOPIC("torghut.bars.1m.v1", "1 min bars input topic; empty disables the 1 min lane"),
    TA_MICROBARS_TOPIC("torghut.ta.bars.1s.v1", "1 s bars output topic"),
    TA_SIGNALS_TOPIC("torghut.ta.signals.v1", "signals output topic"),
    TA_STATUS_TOPIC("torghut.ta.status.v1", "status heartbeat topic; empty disables it"),
    TA_GROUP_ID("torghut-ta-flink", "consumer group id (offsets committed on checkpoints)"),
    TA_CLIENT_ID("torghut-ta-flink", "Kafka client id prefix"),
    TA_AUTO_OFFSET_RESET(
            "latest", "earliest or latest: where to start without committed or restored offsets"),
    TA_CHECKPOINT_DIR(
            null, "checkpoint base URI (<dir>/checkpoints); default: the cluster's configuration"),
    TA_SAVEPOINT_DIR(null, "savepoint URI; default: the cluster's configuration"),
    TA_CHECKPOINT_INTERVAL_MS("10000", "checkpoint interval, ms >= 100"),
    TA_CHECKPOINT_TIMEOUT_MS("120000", "checkpoint timeout, ms >= 1000"),
    TA_CHECKPOINT_PAUSE_MS("5000", "minimum pause between checkpoints, ms >= 0"),
    TA_MAX_OUT_OF_ORDER_MS("2000", "bounded out-of-orderness of the watermarks, ms >= 0"),
    TA_WATERMARK_IDLE_TIMEOUT_MS("30000", "a partition idle this long stops holding watermarks"),
    TA_QUOTE_STALE_AFTER_MS("2000", "oldest quote, relative to the bar end, still joined"),
    TA_SOURCE_LAG_DEGRADED_AFTER_MS("300000", "status reads degraded when the lag exceeds this"),
    TA_PARALLELISM("1", "job parallelism, 1..1024"),
    TA_VWAP_WINDOW_SECONDS("300", "rolling VWAP window (vwap_w5m), seconds"),
    TA_REALIZED_VOL_WINDOW("60", "realized volatility window (vol_realized_w60s), seconds"),
    TA_RESET_LEGACY_1S_SIGNAL_STATE(null, "unused: no legacy state to reset", Kind.LEGACY),
    TA_S3_ENDPOINT(null, "S3 endpoint for s3a:// (e.g. the Ceph RGW)"),
    TA_S3_PATH_STYLE("true", "path-style S3 access"),
    TA_S3_SECURE("false", "use TLS to the S3 endpoint"),
    TA_S3_ACCESS_KEY(null, "S3 access key", Kind.SECRET),
    TA_S3_SECRET_KEY(null, "S3 secret key", Kind.SECRET),
    TA_KAFKA_DELIVERY_GUARANTEE("AT_LEAST_ONCE", "AT_LEAST_ONCE, EXACTLY_ONCE or NONE"),
    TA_KAFKA_TRANSACTION_TIMEOUT_MS("120000", "Kafka transaction timeout for EXACTLY_ONCE, ms"),
    TA_KAFKA_CONNECT_TIMEOUT_MS(
            "60000",
            "how long start-up waits for the Kafka brokers to answer before it says which"
                    + " addresses it tried and what failed, ms 1000..3600000"),
    TA_CLICKHOUSE_URL(
            null,
            "jdbc:clickhouse://host:8123/db (or http(s)://host:port/db; ?ssl=true for HTTPS);"
                    + " empty disables the ClickHouse sink"),
    TA_CLICKHOUSE_USERNAME("torghut", "ClickHouse user"),
    TA_CLICKHOUSE_PASSWORD(null, "ClickHouse password", Kind.SECRET),
    TA_CLICKHOUSE_BATCH_SIZE("25", "rows per INSERT batch, 1..1000000, honoured as given"),
    TA_CLICKHOUSE_BATCH_BYTES(
            "16777216", "RowBinary bytes per INSERT batch at most, 1024..1073741824"),
    TA_CLICKHOUSE_FLUSH_MS("500", "flush interval, ms >= 0"),
    TA_CLICKHOUSE_MAX_RETRIES("3", "retries of a failed batch before the job restarts, 0..100"),
    TA_CLICKHOUSE_SINK_PARALLELISM("2", "ClickHouse sink parallelism, 1..1024"),
    TA_CLICKHOUSE_CONN_TIMEOUT_SECONDS("30", "connection check timeout, seconds"),
    TA_CLICKHOUSE_SCHEMA_INIT_MAX_RETRIES("180", "tries to reach ClickHouse at start-up"),
    TA_CLICKHOUSE_SCHEMA_INIT_RETRY_DELAY_MS("2000", "pause between those tries, ms"),
    TA_CLICKHOUSE_SCHEMA_INIT_STRICT("true", "fail start-up if the tables do not match"),
    TA_CLICKHOUSE_REQUIRE_REPLICATED_TABLES("true", "require Replicated*MergeTree tables"),
    TA_CLICKHOUSE_REQUIRE_REPLICATED(
            null,
            "alias of TA_CLICKHOUSE_REQUIRE_REPLICATED_TABLES (this job's first name for it)",
            Kind.ALIAS),
    TA_CLICKHOUSE_CREATE_TABLES("false", "create the tables at start-up if missing"),
    TA_ALLOWED_LATENESS_MS("0", "extra wait after a bar's end before it closes, ms >= 0"),
    TA_DEADLETTER_TOPIC(null, "topic for undecodable records; empty disables it"),
    TA_SESSION_TIMEZONE("America/New_York", "zone whose calendar days are VWAP sessions"),
    TA_STATUS_INTERVAL_MS("10000", "status heartbeat interval, ms >= 1000"),
    TA_FRESHNESS_ALERT_MS("120000", "signal freshness lag that reads as degraded, ms"),
    TA_MAX_FUTURE_SKEW_MS(
            "60000",
            "eventTs later than ingestTs, or a 1 min bar's start later than its eventTs, by more"
                    + " than this is rejected"),
    TA_MAX_EVENT_AGE_MS(
            "691200000",
            "eventTs older than ingestTs, or a 1 min bar's start older than its eventTs, by more"
                    + " than this is rejected"),
    TA_MAX_RECORD_BYTES("65536", "records larger than this are rejected as oversized"),
    TA_HTTP_HOST(null, "unused by the Flink job", Kind.LEGACY),
    TA_HTTP_PORT(null, "unused by the Flink job", Kind.LEGACY);

    /** How a key is treated. */
    public enum Kind {
        /** An ordinary setting, shown in logs. */
        SETTING,
        /** A credential: read from a Secret, never logged or printed. */
        SECRET,
        /** Accepted for compatibility with the original ConfigMap and ignored. */
        LEGACY,
        /**
         * Another name of the key {@link TaConfigKey#aliasOf()} names, read when that key is not
         * set.
         */
        ALIAS
    }

    /**
     * Each alias and the key it stands for. The production ConfigMap spells a key differently from
     * this job's first name for it; both are read, the production name wins.
     */
    private static final Map<TaConfigKey, TaConfigKey> ALIASES =
            Map.of(TA_CLICKHOUSE_REQUIRE_REPLICATED, TA_CLICKHOUSE_REQUIRE_REPLICATED_TABLES);

    private final String defaultValue;
    private final String description;
    private final Kind kind;

    TaConfigKey(String defaultValue, String description) {
        this(defaultValue, description, Kind.SETTING);
    }

    TaConfigKey(String defaultValue, String description, Kind kind) {
        this.defaultValue = defaultValue;
        this.description = description;
        this.kind = kind;
    }

    /** The default, or {@code null} when unset means "off" or "from the cluster". */
    public String defaultValue() {
        return defaultValue;
    }

    /** What the key means and what is allowed. */
    public String description() {
        return description;
    }

    /** Whether the key is a setting, a secret or a legacy key. */
    public Kind kind() {
        return kind;
    }

    /** For an {@link Kind#ALIAS alias}, the key it stands for; otherwise {@code null}. */
    public TaConfigKey aliasOf() {
        return ALIASES.get(this);
    }

    /** Whether the value must never be logged. */
    public boolean isSecret() {
        return kind == Kind.SECRET;
    }

    /** Every key name, sorted. */
    public static Set<String> names() {
        Set<String> names = new TreeSet<>();
        Arrays.stream(values()).forEach(k -> names.add(k.name()));
        return names;
    }
}
