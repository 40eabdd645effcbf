package io.torghut.ta.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.torghut.ta.testkit.ProductionFixtures.Fixture;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for {@link ProductionFixtures}: each fixture holds the facts of the production file it
 * stands for (every key and value, structure, key order, layout and comment places of the
 * manifests, the DDL's statements, columns, engines and TTLs, the topics' settings). The expected
 * facts are written here, so a fixture that drifts from production fails this test.
 */
class ProductionFixturesTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    /** Production's {@code torghut-ta-config} data, in its order. */
    private static final String CONFIGMAP_DATA =
            """
            TA_HTTP_HOST=0.0.0.0
            TA_HTTP_PORT=8080
            TA_KAFKA_BOOTSTRAP=kafka-kafka-bootstrap.kafka:9092
            TA_KAFKA_SECURITY=SASL_PLAINTEXT
            TA_KAFKA_SASL_MECH=SCRAM-SHA-512
            TA_SCHEMA_REGISTRY_URL=http://karapace.kafka:8081
            TA_TRADES_TOPIC=torghut.trades.v1
            TA_QUOTES_TOPIC=torghut.quotes.v1
            TA_BARS1M_TOPIC=torghut.bars.1m.v1
            TA_MICROBARS_TOPIC=torghut.ta.bars.1s.v1
            TA_SIGNALS_TOPIC=torghut.ta.signals.v1
            TA_STATUS_TOPIC=torghut.ta.status.v1
            TA_GROUP_ID=torghut-ta-live
            TA_CLIENT_ID=torghut-ta
            TA_AUTO_OFFSET_RESET=latest
            TA_CHECKPOINT_DIR=s3a://flink-checkpoints/torghut/technical-analysis
            TA_SAVEPOINT_DIR=s3a://flink-checkpoints/torghut/technical-analysis/savepoints
            TA_CHECKPOINT_INTERVAL_MS=60000
            TA_CHECKPOINT_TIMEOUT_MS=300000
            TA_CHECKPOINT_PAUSE_MS=10000
            TA_MAX_OUT_OF_ORDER_MS=2000
            TA_WATERMARK_IDLE_TIMEOUT_MS=30000
            TA_QUOTE_STALE_AFTER_MS=15000
            TA_SOURCE_LAG_DEGRADED_AFTER_MS=300000
            TA_PARALLELISM=8
            TA_VWAP_WINDOW_SECONDS=300
            TA_REALIZED_VOL_WINDOW=60
            TA_RESET_LEGACY_1S_SIGNAL_STATE=true
            TA_S3_ENDPOINT=http://rook-ceph-rgw-objectstore.rook-ceph.svc:80
            TA_S3_PATH_STYLE=true
            TA_S3_SECURE=false
            TA_KAFKA_TRANSACTION_TIMEOUT_MS=120000
            TA_CLICKHOUSE_URL=jdbc:clickhouse://torghut-clickhouse.torghut.svc.cluster.local:8123/torghut
            TA_CLICKHOUSE_USERNAME=torghut
            TA_CLICKHOUSE_BATCH_SIZE=1000
            TA_CLICKHOUSE_FLUSH_MS=5000
            TA_CLICKHOUSE_MAX_RETRIES=2
            TA_CLICKHOUSE_SINK_PARALLELISM=1
            TA_CLICKHOUSE_CONN_TIMEOUT_SECONDS=30
            TA_CLICKHOUSE_SCHEMA_INIT_MAX_RETRIES=180
            TA_CLICKHOUSE_SCHEMA_INIT_RETRY_DELAY_MS=2000
            TA_CLICKHOUSE_SCHEMA_INIT_STRICT=true
            TA_CLICKHOUSE_REQUIRE_REPLICATED_TABLES=true
            """;

    /** Production's {@code spec.flinkConfiguration}, in its order. */
    private static final String FLINK_CONFIGURATION =
            """
            kubernetes.operator.job.upgrade.last-state-fallback.enabled=false
            state.checkpoints.dir=s3a://flink-checkpoints/torghut/technical-analysis/checkpoints
            state.savepoints.dir=s3a://flink-checkpoints/torghut/technical-analysis/savepoints
            execution.checkpointing.mode=EXACTLY_ONCE
            execution.checkpointing.externalized-checkpoint-retention=RETAIN_ON_CANCELLATION
            taskmanager.numberOfTaskSlots=2
            restart-strategy.type=exponential-delay
            execution.checkpointing.unaligned=true
            execution.checkpointing.tolerable-failed-checkpoints=3
            metrics.reporter.prom.factory.class=org.apache.flink.metrics.prometheus.PrometheusReporterFactory
            metrics.reporter.prom.port=9249
            fs.s3a.endpoint=http://rook-ceph-rgw-objectstore.rook-ceph.svc:80
            fs.s3a.connection.ssl.enabled=false
            fs.s3a.path.style.access=true
            """;

    /** Production's FlinkDeployment container env ({@code secret:<name>/<key>} for references). */
    private static final String FLINK_ENV =
            """
            TA_KAFKA_DELIVERY_GUARANTEE=AT_LEAST_ONCE
            TA_KAFKA_USERNAME=torghut-ws
            TA_KAFKA_PASSWORD=secret:torghut-ws/password
            TA_CLICKHOUSE_PASSWORD=secret:torghut-clickhouse-auth/torghut_password
            TA_S3_ACCESS_KEY=secret:flink-checkpoints/AWS_ACCESS_KEY_ID
            TA_S3_SECRET_KEY=secret:flink-checkpoints/AWS_SECRET_ACCESS_KEY
            AWS_ACCESS_KEY_ID=secret:flink-checkpoints/AWS_ACCESS_KEY_ID
            AWS_SECRET_ACCESS_KEY=secret:flink-checkpoints/AWS_SECRET_ACCESS_KEY
            AWS_ACCESS_KEY=secret:flink-checkpoints/AWS_ACCESS_KEY_ID
            AWS_SECRET_KEY=secret:flink-checkpoints/AWS_SECRET_ACCESS_KEY
            TORGHUT_TA_VERSION=kargo-sha-82b885072c0102a2abea9ab14a801dfee259a7a3
            TORGHUT_TA_COMMIT=82b885072c0102a2abea9ab14a801dfee259a7a3
            """;

    /** The settings of production's embedded {@code log4j-console.properties}, in order. */
    private static final String LOG4J_PROPERTIES =
            """
            rootLogger.level=INFO
            rootLogger.appenderRef.console.ref=ConsoleAppender
            rootLogger.appenderRef.rolling.ref=RollingFileAppender
            logger.akka.name=akka
            logger.akka.level=INFO
            logger.kafka.name=org.apache.kafka
            logger.kafka.level=INFO
            logger.hadoop.name=org.apache.hadoop
            logger.hadoop.level=INFO
            logger.zookeeper.name=org.apache.zookeeper
            logger.zookeeper.level=INFO
            logger.metrics.name=org.apache.flink.metrics.MetricGroup
            logger.metrics.level=ERROR
            appender.console.name=ConsoleAppender
            appender.console.type=CONSOLE
            appender.console.layout.type=PatternLayout
            appender.console.layout.pattern=%d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
            appender.rolling.name=RollingFileAppender
            appender.rolling.type=RollingFile
            appender.rolling.append=false
            appender.rolling.fileName=${sys:log.file}
            appender.rolling.filePattern=${sys:log.file}.%i
            appender.rolling.layout.type=PatternLayout
            appender.rolling.layout.pattern=%d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
            appender.rolling.policies.type=Policies
            appender.rolling.policies.size.type=SizeBasedTriggeringPolicy
            appender.rolling.policies.size.size=100MB
            appender.rolling.strategy.type=DefaultRolloverStrategy
            appender.rolling.strategy.max=10
            logger.netty.name=org.apache.flink.shaded.akka.org.jboss.netty.channel.DefaultChannelPipeline
            logger.netty.level=OFF
            """;

    /**
     * Production's trading-service env in order ({@code secret:} / {@code configmap:} references,
     * {@code ?optional} when optional, {@code \\n} for a newline).
     */
    private static final String KNATIVE_ENV =
            """
            TORGHUT_PROCESS_ROLE=api
            TRADING_SCHEDULER_RUNTIME_BASE_URL=http://torghut-scheduler.torghut.svc.cluster.local:8183
            TRADING_SCHEDULER_RUNTIME_TIMEOUT_SECONDS=2
            TRADING_SCHEDULER_SHUTDOWN_DRAIN_SECONDS=45
            TRADING_SCHEDULER_SUCCESS_MAX_AGE_SECONDS=30
            TRADING_BROKER_MUTATION_RECOVERY_ENABLED=true
            TRADING_BROKER_MUTATION_HTTP_TIMEOUT_SECONDS=10
            APP_ENV=prod
            LOG_LEVEL=INFO
            LOG_FORMAT=json
            LOG_ACCESS_LOG=true
            DB_DSN=secret:torghut-db-app/uri
            TORGHUT_SIM_DB_HOST=secret:torghut-db-app/host
            TORGHUT_SIM_DB_PORT=secret:torghut-db-app/port
            TORGHUT_SIM_DB_USER=secret:torghut-db-app/username
            TORGHUT_SIM_DB_PASSWORD=secret:torghut-db-app/password
            SIM_DB_DSN=postgresql://$(TORGHUT_SIM_DB_USER):$(TORGHUT_SIM_DB_PASSWORD)@$(TORGHUT_SIM_DB_HOST):$(TORGHUT_SIM_DB_PORT)/torghut_sim_default
            TORGHUT_TIGERBEETLE_ENABLED=true
            TORGHUT_TIGERBEETLE_REQUIRED=true
            TORGHUT_TIGERBEETLE_CLUSTER_ID=2001
            TORGHUT_TIGERBEETLE_REPLICA_ADDRESSES=torghut-tigerbeetle.torghut.svc.cluster.local:3000
            TORGHUT_TIGERBEETLE_HEALTH_TIMEOUT_SECONDS=5
            TORGHUT_TIGERBEETLE_RPC_TIMEOUT_SECONDS=10
            TORGHUT_TIGERBEETLE_JOURNAL_ENABLED=true
            TORGHUT_TIGERBEETLE_RECONCILE_REQUIRED=false
            TORGHUT_TIGERBEETLE_ECONOMIC_PARITY_REQUIRED=true
            APCA_API_KEY_ID=secret:torghut-alpaca/APCA_API_KEY_ID?optional
            APCA_API_SECRET_KEY=secret:torghut-alpaca/APCA_API_SECRET_KEY?optional
            APCA_API_BASE_URL=secret:torghut-alpaca/APCA_API_BASE_URL?optional
            CLICKHOUSE_HOST=torghut-clickhouse.torghut.svc.cluster.local
            CLICKHOUSE_PORT=8123
            CLICKHOUSE_DATABASE=torghut
            CLICKHOUSE_USERNAME=torghut
            CLICKHOUSE_PASSWORD=secret:torghut-clickhouse-auth/torghut_password
            CLICKHOUSE_SECURE=false
            CLICKHOUSE_TIMEOUT_SECONDS=10
            TRADING_ENABLED=false
            TRADING_PIPELINE_MODE=simple
            TRADING_SIMPLE_SUBMIT_ENABLED=true
            TRADING_LIVE_SUBMIT_ENABLED=true
            TRADING_SIMPLE_ORDER_FEED_TELEMETRY_ENABLED=true
            TRADING_SIMPLE_MAX_ORDER_PCT_EQUITY=0.50
            TRADING_SIMPLE_MAX_SYMBOL_PCT_EQUITY=0.50
            TRADING_SIMPLE_MAX_GROSS_EXPOSURE_PCT_EQUITY=1.0
            TRADING_SIMPLE_MAX_NET_EXPOSURE_PCT_EQUITY=0.50
            TRADING_SIMPLE_BUYING_POWER_RESERVE_BPS=1000
            TRADING_MAX_POSITION_PCT_EQUITY=0.50
            TRADING_ALLOCATOR_ENABLED=true
            TRADING_ALLOCATOR_MAX_SYMBOL_PCT_EQUITY=0.50
            TRADING_PORTFOLIO_MAX_GROSS_EXPOSURE_PCT_EQUITY=1.0
            TRADING_PORTFOLIO_MAX_NET_EXPOSURE_PCT_EQUITY=0.50
            TRADING_MARKET_CONTEXT_URL=http://jangar.jangar.svc.cluster.local/api/torghut/market-context
            TRADING_MARKET_CONTEXT_TIMEOUT_SECONDS=5
            TRADING_MARKET_CONTEXT_REQUIRED=false
            TRADING_MARKET_CONTEXT_FAIL_MODE=shadow_only
            TRADING_KILL_SWITCH_ENABLED=false
            TRADING_FEATURE_FLAGS_ENABLED=false
            TRADING_MULTI_ACCOUNT_ENABLED=false
            TRADING_MODE=live
            TRADING_STRATEGY_RUNTIME_MODE=scheduler_v3
            TRADING_AUTONOMY_ENABLED=false
            TRADING_AUTONOMY_ALLOW_LIVE_PROMOTION=false
            TRADING_EVIDENCE_CONTINUITY_ENABLED=false
            TRADING_ACCOUNT_LABEL=PA3SX7FYNUTF
            TRADING_ACCOUNTS_JSON=[{"label":"PA3SX7FYNUTF","mode":"live","enabled":true}]\\n
            TRADING_ALLOW_SHORTS=true
            TRADING_FRACTIONAL_EQUITIES_ENABLED=true
            TRADING_SIGNAL_SOURCE=clickhouse
            TRADING_SIGNAL_TABLE=torghut.ta_signals
            TRADING_PRICE_TABLE=torghut.ta_microbars
            TRADING_EXECUTABLE_QUOTE_LOOKBACK_SECONDS=60
            TRADING_EXECUTABLE_QUOTE_FORWARD_SECONDS=0
            TRADING_ALPACA_QUOTE_FALLBACK_ENABLED=true
            TRADING_ALPACA_QUOTE_FEED=iex
            TRADING_ALPACA_QUOTE_MAX_AGE_SECONDS=20
            TRADING_ALPACA_QUOTE_FALLBACK_MARKET_SESSION_REQUIRED=true
            TRADING_ALPACA_QUOTE_FALLBACK_BACKOFF_SECONDS=60
            TRADING_OPTIONS_CATALOG_FRESHNESS_CACHE_SECONDS=30
            TRADING_SESSION_CONTEXT_WARMUP_MAX_SECONDS=300
            TRADING_SESSION_CONTEXT_WARMUP_MAX_SIGNALS=1000
            TRADING_SIGNAL_ALLOWED_SOURCES=ta
            TRADING_SIGNAL_LOOKBACK_MINUTES=15
            TRADING_PLANNED_DECISION_TIMEOUT_SECONDS=600
            TRADING_POLL_MS=5000
            TRADING_RECONCILE_MS=15000
            TRADING_ORDER_FEED_ENABLED=true
            TRADING_ORDER_FEED_BOOTSTRAP_SERVERS=kafka-kafka-bootstrap.kafka:9092
            TRADING_ORDER_FEED_SECURITY_PROTOCOL=SASL_PLAINTEXT
            TRADING_ORDER_FEED_SASL_MECHANISM=SCRAM-SHA-512
            TRADING_ORDER_FEED_SASL_USERNAME=torghut-ws
            TRADING_ORDER_FEED_SASL_PASSWORD=secret:torghut-ws/password
            TRADING_ORDER_FEED_TOPIC=torghut.trade-updates.v2
            TRADING_ORDER_FEED_GROUP_ID=torghut-order-feed-live-default
            TRADING_ORDER_FEED_ASSIGNMENT_MODE=manual
            TRADING_ORDER_FEED_AUTO_OFFSET_RESET=earliest
            TRADING_EXECUTION_PREFER_LIMIT=true
            TRADING_MAX_PARTICIPATION_RATE=0.10
            TRADING_ECONOMIC_POLICY_PATH=/app/config/economic-policy-v1.json
            TRADING_ECONOMIC_POLICY_EXPECTED_DIGEST=sha256:071068019c37c8f6e7d379529e6506661429d88bb082e876bfca2df221bc4d65
            TRADING_EXECUTION_ADVISOR_LIVE_APPLY_ENABLED=false
            TRADING_EXECUTION_ADVISOR_ENABLED=false
            TRADING_CRYPTO_ENABLED=false
            TRADING_CRYPTO_LIVE_ENABLED=false
            TRADING_STRATEGY_CONFIG_PATH=/etc/torghut/strategies.yaml
            TRADING_STRATEGY_CONFIG_MODE=sync
            TRADING_STRATEGY_RELOAD_SECONDS=10
            TRADING_UNIVERSE_SOURCE=static
            TRADING_UNIVERSE_REQUIRE_NON_EMPTY_JANGAR=false
            TRADING_UNIVERSE_STATIC_FALLBACK_ENABLED=false
            TRADING_STATIC_SYMBOLS=NVDA,AVGO,AMD,MU,MRVL,CRDO,COHR,LITE,SNDK,WDC
            TRADING_UNIVERSE_STATIC_FALLBACK_SYMBOLS=NVDA,AVGO,AMD,MU,MRVL,CRDO,COHR,LITE,SNDK,WDC
            TRADING_UNIVERSE_SYMBOL_ALLOWLIST=NVDA,AVGO,AMD,MU,MRVL,CRDO,COHR,LITE,SNDK,WDC
            TRADING_UNIVERSE_MAX_STALE_SECONDS=900
            WHITEPAPER_WORKFLOW_ENABLED=false
            WHITEPAPER_KAFKA_ENABLED=false
            WHITEPAPER_KAFKA_BOOTSTRAP_SERVERS=kafka-kafka-bootstrap.kafka:9092
            WHITEPAPER_KAFKA_TOPIC=github.webhook.events
            WHITEPAPER_KAFKA_GROUP_ID=torghut-whitepaper-v1
            WHITEPAPER_KAFKA_CLIENT_ID=torghut-whitepaper
            WHITEPAPER_KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT
            WHITEPAPER_KAFKA_SASL_MECHANISM=SCRAM-SHA-512
            WHITEPAPER_KAFKA_SASL_USERNAME=torghut-ws
            WHITEPAPER_KAFKA_SASL_PASSWORD=secret:torghut-ws/password
            WHITEPAPER_CEPH_BUCKET=configmap:torghut-whitepapers/BUCKET_NAME
            WHITEPAPER_CEPH_BUCKET_HOST=configmap:torghut-whitepapers/BUCKET_HOST
            WHITEPAPER_CEPH_BUCKET_PORT=configmap:torghut-whitepapers/BUCKET_PORT
            WHITEPAPER_CEPH_ACCESS_KEY=secret:torghut-whitepapers/AWS_ACCESS_KEY_ID
            WHITEPAPER_CEPH_SECRET_KEY=secret:torghut-whitepapers/AWS_SECRET_ACCESS_KEY
            WHITEPAPER_CEPH_CONFIG_DIR=/etc/torghut/whitepapers-config
            WHITEPAPER_CEPH_SECRET_DIR=/etc/torghut/whitepapers-secret
            WHITEPAPER_AGENTRUN_AUTO_DISPATCH=false
            WHITEPAPER_AGENTRUN_NAMESPACE=agents
            WHITEPAPER_AGENT_NAME=codex-whitepaper-agent
            WHITEPAPER_AGENTRUN_VCS_REF=github
            WHITEPAPER_AGENTRUN_SECRET_BINDING=codex-whitepaper-github-token
            WHITEPAPER_AGENTRUN_SUBMIT_URL=http://agents.agents.svc.cluster.local/v1/agent-runs
            AGENTS_BASE_URL=http://agents.agents.svc.cluster.local
            TRADING_JANGAR_CONTROL_PLANE_STATUS_URL=http://agents.agents.svc.cluster.local/ready
            TRADING_JANGAR_CONTROL_PLANE_TIMEOUT_SECONDS=30
            INNGEST_APP_ID=torghut
            INNGEST_BASE_URL=http://inngest.inngest.svc.cluster.local:8288
            INNGEST_EVENT_KEY=secret:inngest/INNGEST_EVENT_KEY?optional
            INNGEST_SIGNING_KEY=secret:inngest/INNGEST_SIGNING_KEY?optional
            WHITEPAPER_INNGEST_EVENT_NAME=torghut/whitepaper.analysis.requested
            WHITEPAPER_INNGEST_FUNCTION_ID=torghut-whitepaper-analysis-v1
            WHITEPAPER_INNGEST_ENABLED=false
            WHITEPAPER_INNGEST_FINALIZED_EVENT_NAME=torghut/whitepaper.analysis.finalized
            WHITEPAPER_INNGEST_FINALIZE_FUNCTION_ID=torghut-whitepaper-synthesis-index-v1
            WHITEPAPER_SEMANTIC_INDEXING_ENABLED=false
            WHITEPAPER_SEMANTIC_REQUIRED=false
            WHITEPAPER_EMBEDDING_API_BASE_URL=http://saigak.saigak.svc.cluster.local:11434/v1
            WHITEPAPER_EMBEDDING_MODEL=qwen3-embedding-saigak:8b
            WHITEPAPER_EMBEDDING_DIMENSION=4096
            WHITEPAPER_EMBEDDING_TIMEOUT_MS=120000
            WHITEPAPER_CHUNK_SIZE_CHARS=2400
            WHITEPAPER_CHUNK_OVERLAP_CHARS=300
            WHITEPAPER_EMBEDDING_BATCH_SIZE=32
            TRADING_EMERGENCY_STOP_ENABLED=true
            TRADING_DAILY_LOSS_STOP_PCT_EQUITY=0.01
            TRADING_PERSISTENT_DRAWDOWN_STOP_PCT_EQUITY=0.05
            TRADING_NEW_EXPOSURE_CUTOFF_TIME_ET=15:30:00
            TRADING_FLATTEN_START_TIME_ET=15:45:00
            TRADING_FLAT_CONFIRMATION_TIME_ET=15:50:00
            TRADING_PAIR_DELTA_TOLERANCE_BPS=8
            TRADING_CLOSEOUT_REPRICE_SECONDS=2
            TRADING_CLOSEOUT_MAX_ATTEMPTS=3
            TRADING_CLOSEOUT_SLIPPAGE_BPS=8
            TRADING_ROLLBACK_MAX_DRAWDOWN_LIMIT=0.05
            LLM_ENABLED=false
            LLM_ROLLOUT_STAGE=stage1_shadow_pilot
            LLM_SHADOW_MODE=true
            LLM_DSPY_RUNTIME_MODE=disabled
            TA_CLICKHOUSE_URL=http://torghut-clickhouse.torghut.svc.cluster.local:8123
            TA_CLICKHOUSE_USERNAME=torghut
            TA_CLICKHOUSE_PASSWORD=secret:torghut-clickhouse-auth/torghut_password
            TA_CLICKHOUSE_CONN_TIMEOUT_SECONDS=10
            TORGHUT_VERSION=v0.596.0-2517-g314c93ab0
            TORGHUT_COMMIT=314c93ab0289304193a287697665d6da9b409ba0
            TORGHUT_IMAGE_DIGEST=sha256:e6448c4c476344eea647f4926872169c25adaa011a5d69c60dfc017cff8d05d9
            TORGHUT_REQUIRED_IMAGE_PLATFORMS=linux/amd64,linux/arm64
            TORGHUT_OBSERVED_IMAGE_PLATFORMS=linux/amd64,linux/arm64
            """;

    /**
     * Production's topics: name, partitions, replicas, retention.ms, cleanup.policy, compression.
     */
    private static final String TOPICS =
            """
            torghut.trades.v1 3 3 3024000000 delete lz4
            torghut.quotes.v1 3 3 3024000000 delete lz4
            torghut.bars.1m.v1 3 3 3024000000 delete lz4
            torghut.status.v1 3 3 604800000 compact,delete lz4
            torghut.trade-updates.v1 3 3 604800000 delete lz4
            torghut.trade-updates.v2 3 3 604800000 delete lz4
            torghut.ta.bars.1s.v1 1 3 3024000000 delete lz4
            torghut.ta.signals.v1 1 3 3024000000 delete lz4
            torghut.ta.status.v1 1 3 604800000 compact,delete lz4
            torghut.lean.shadow.v1 3 3 1209600000 delete lz4
            torghut.lean.backtests.v1 3 3 2592000000 compact,delete lz4
            """;

    /** Per production table (in DDL order): ORDER BY, TTL days, then its columns in order. */
    private static final Map<String, Table> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put(
                "torghut.ta_microbars",
                new Table(
                        "symbol, event_ts, seq",
                        35,
                        """
                        symbol LowCardinality(String)
                        event_ts DateTime64(3, 'UTC')
                        seq UInt64
                        ingest_ts DateTime64(3, 'UTC')
                        is_final UInt8
                        source LowCardinality(String)
                        window_size LowCardinality(String)
                        window_step Nullable(String)
                        window_start Nullable(DateTime64(3, 'UTC'))
                        window_end Nullable(DateTime64(3, 'UTC'))
                        version UInt32
                        o Float64
                        h Float64
                        l Float64
                        c Float64
                        v Float64
                        vwap Nullable(Float64)
                        count UInt64
                        """));
        TABLES.put(
                "torghut.ta_signals",
                new Table(
                        "symbol, event_ts, seq",
                        35,
                        """
                        symbol LowCardinality(String)
                        event_ts DateTime64(3, 'UTC')
                        seq UInt64
                        ingest_ts DateTime64(3, 'UTC')
                        is_final UInt8
                        source LowCardinality(String)
                        window_size LowCardinality(String)
                        window_step Nullable(String)
                        window_start Nullable(DateTime64(3, 'UTC'))
                        window_end Nullable(DateTime64(3, 'UTC'))
                        version UInt32
                        macd Nullable(Float64)
                        macd_signal Nullable(Float64)
                        macd_hist Nullable(Float64)
                        ema12 Nullable(Float64)
                        ema26 Nullable(Float64)
                        rsi14 Nullable(Float64)
                        boll_mid Nullable(Float64)
                        boll_upper Nullable(Float64)
                        boll_lower Nullable(Float64)
                        vwap_session Nullable(Float64)
                        vwap_w5m Nullable(Float64)
                        imbalance_spread Nullable(Float64)
                        imbalance_bid_px Nullable(Float64)
                        imbalance_ask_px Nullable(Float64)
                        imbalance_bid_sz Nullable(UInt64)
                        imbalance_ask_sz Nullable(UInt64)
                        vol_realized_w60s Nullable(Float64)
                        microstructure_signal_v1 Nullable(String)
                        """));
        TABLES.put(
                "torghut.options_contract_bars_1s",
                new Table(
                        "contract_symbol, event_ts, seq",
                        14,
                        """
                        contract_symbol LowCardinality(String)
                        underlying_symbol LowCardinality(String)
                        event_ts DateTime64(3, 'UTC')
                        seq UInt64
                        ingest_ts DateTime64(3, 'UTC')
                        is_final UInt8
                        source LowCardinality(String)
                        window_size LowCardinality(String)
                        window_step Nullable(String)
                        window_start Nullable(DateTime64(3, 'UTC'))
                        window_end Nullable(DateTime64(3, 'UTC'))
                        version UInt32
                        expiration_date Date
                        strike_price Float64
                        option_type LowCardinality(String)
                        dte Int32
                        o Float64
                        h Float64
                        l Float64
                        c Float64
                        v Float64
                        count UInt64
                        bid_close Nullable(Float64)
                        ask_close Nullable(Float64)
                        mid_close Nullable(Float64)
                        mark_close Nullable(Float64)
                        spread_abs Nullable(Float64)
                        spread_bps Nullable(Float64)
                        bid_size_close Nullable(Float64)
                        ask_size_close Nullable(Float64)
                        """));
        TABLES.put(
                "torghut.options_contract_features",
                new Table(
                        "contract_symbol, event_ts, seq",
                        14,
                        """
                        contract_symbol LowCardinality(String)
                        underlying_symbol LowCardinality(String)
                        event_ts DateTime64(3, 'UTC')
                        seq UInt64
                        ingest_ts DateTime64(3, 'UTC')
                        is_final UInt8
                        source LowCardinality(String)
                        window_size LowCardinality(String)
                        window_step Nullable(String)
                        window_start Nullable(DateTime64(3, 'UTC'))
                        window_end Nullable(DateTime64(3, 'UTC'))
                        version UInt32
                        expiration_date Date
                        strike_price Float64
                        option_type LowCardinality(String)
                        dte Int32
                        moneyness Nullable(Float64)
                        spread_abs Nullable(Float64)
                        spread_bps Nullable(Float64)
                        bid_size Nullable(Float64)
                        ask_size Nullable(Float64)
                        quote_imbalance Nullable(Float64)
                        trade_count_w60s Nullable(UInt64)
                        notional_w60s Nullable(Float64)
                        quote_updates_w60s Nullable(UInt64)
                        realized_vol_w60s Nullable(Float64)
                        implied_volatility Nullable(Float64)
                        iv_change_w60s Nullable(Float64)
                        delta Nullable(Float64)
                        delta_change_w60s Nullable(Float64)
                        gamma Nullable(Float64)
                        theta Nullable(Float64)
                        vega Nullable(Float64)
                        rho Nullable(Float64)
                        mid_price Nullable(Float64)
                        mark_price Nullable(Float64)
                        mid_change_w60s Nullable(Float64)
                        mark_change_w60s Nullable(Float64)
                        stale_quote UInt8
                        stale_snapshot UInt8
                        feature_quality_status LowCardinality(String)
                        """));
        TABLES.put(
                "torghut.options_surface_features",
                new Table(
                        "underlying_symbol, event_ts, seq",
                        30,
                        """
                        underlying_symbol LowCardinality(String)
                        event_ts DateTime64(3, 'UTC')
                        seq UInt64
                        ingest_ts DateTime64(3, 'UTC')
                        is_final UInt8
                        source LowCardinality(String)
                        window_size LowCardinality(String)
                        window_step Nullable(String)
                        window_start Nullable(DateTime64(3, 'UTC'))
                        window_end Nullable(DateTime64(3, 'UTC'))
                        version UInt32
                        asof_contract_count UInt32
                        atm_iv Nullable(Float64)
                        atm_call_iv Nullable(Float64)
                        atm_put_iv Nullable(Float64)
                        call_put_skew_25d Nullable(Float64)
                        call_put_skew_10d Nullable(Float64)
                        term_slope_front_back Nullable(Float64)
                        term_slope_front_mid Nullable(Float64)
                        surface_breadth Nullable(Float64)
                        hot_contract_coverage_ratio Nullable(Float64)
                        snapshot_coverage_ratio Nullable(Float64)
                        feature_quality_status LowCardinality(String)
                        """));
    }

    private record Table(String orderBy, int ttlDays, String columns) {}

    // ---- the TA ConfigMap ------------------------------------------------------------------

    @Test
    void configMapHoldsEveryProductionKeyAndValueInOrder() throws IOException {
        JsonNode cm = yaml(Fixture.TA_CONFIGMAP);
        assertThat(cm.path("apiVersion").asText()).isEqualTo("v1");
        assertThat(cm.path("kind").asText()).isEqualTo("ConfigMap");
        assertThat(cm.path("metadata").path("name").asText()).isEqualTo("torghut-ta-config");
        assertThat(cm.path("metadata").path("namespace").asText()).isEqualTo("torghut");
        assertThat(fieldNames(cm)).containsExactly("apiVersion", "kind", "metadata", "data");
        assertThat(scalars(cm.path("data"))).containsExactlyEntriesOf(map(CONFIGMAP_DATA));
        assertThat(cm.path("data").get("TA_CLICKHOUSE_REQUIRE_REPLICATED_TABLES").isTextual())
                .as("values are strings, as Kubernetes requires")
                .isTrue();
    }

    @Test
    void configMapHasCommentsWhereProductionHasThemAndQuotesEveryValue() {
        List<String> lines = ProductionFixtures.text(Fixture.TA_CONFIGMAP).lines().toList();
        assertThat(commentLines(lines)).containsExactly(28, 29, 36);
        assertThat(lines.get(30)).startsWith("  TA_QUOTE_STALE_AFTER_MS: ");
        assertThat(lines.get(37)).startsWith("  TA_S3_ENDPOINT: ");
        assertThat(lines.subList(6, lines.size()))
                .filteredOn(l -> !l.startsWith("  #"))
                .allMatch(l -> l.matches("  TA_[A-Z0-9_]+: \"[^\"]*\""));
    }

    // ---- the TA FlinkDeployment ------------------------------------------------------------

    @Test
    void flinkDeploymentHasProductionsJobUpgradeModeAndNonces() throws IOException {
        JsonNode fd = yaml(Fixture.TA_FLINKDEPLOYMENT);
        JsonNode spec = fd.path("spec");
        assertThat(fd.path("kind").asText()).isEqualTo("FlinkDeployment");
        assertThat(fd.path("apiVersion").asText()).isEqualTo("flink.apache.org/v1beta1");
        assertThat(fd.path("metadata").path("name").asText()).isEqualTo("torghut-ta");
        assertThat(fd.path("metadata").path("namespace").asText()).isEqualTo("torghut");
        assertThat(fd.at("/metadata/annotations/argocd.argoproj.io~1sync-wave").asText())
                .isEqualTo("4");
        assertThat(spec.path("image").asText())
                .isEqualTo(
                        "registry.ide-newton.ts.net/lab/torghut-ta@sha256:"
                                + "5e952e9f31da9ac668c124cecf68441e208b1525d9ad1cda8b24ddbcbc8b475f");
        assertThat(spec.path("imagePullPolicy").asText()).isEqualTo("IfNotPresent");
        assertThat(spec.path("restartNonce").isInt()).isTrue();
        assertThat(spec.path("restartNonce").asInt()).isEqualTo(38);
        assertThat(spec.path("flinkVersion").asText()).isEqualTo("v2_2");
        assertThat(spec.path("serviceAccount").asText()).isEqualTo("torghut-runtime");

        JsonNode job = spec.path("job");
        assertThat(scalars(job))
                .containsExactlyEntriesOf(
                        map(
                                """
                                entryClass=ai.proompteng.dorvud.ta.flink.FlinkTechnicalAnalysisJobKt
                                jarURI=local:///opt/flink/usrlib/app.jar
                                parallelism=8
                                upgradeMode=savepoint
                                state=running
                                initialSavepointPath=s3a://flink-checkpoints/torghut/technical-analysis/savepoints/savepoint-437918-85237d1073d0
                                savepointRedeployNonce=2
                                """));
        assertThat(job.path("parallelism").isInt()).isTrue();
        assertThat(job.path("savepointRedeployNonce").isInt()).isTrue();
    }

    @Test
    void flinkDeploymentHasProductionsFlinkConfigurationAndNoHighAvailability() throws IOException {
        JsonNode conf = yaml(Fixture.TA_FLINKDEPLOYMENT).at("/spec/flinkConfiguration");
        assertThat(scalars(conf)).containsExactlyEntriesOf(map(FLINK_CONFIGURATION));
        assertThat(fieldNames(conf)).noneMatch(k -> k.startsWith("high-availability"));
        assertThat(ProductionFixtures.text(Fixture.TA_FLINKDEPLOYMENT))
                .doesNotContain("high-availability");
        assertThat(conf.path("execution.checkpointing.unaligned").isTextual())
                .as("quoted as in production")
                .isTrue();
    }

    @Test
    void flinkDeploymentHasProductionsPodTemplateResourcesAndReporterPort() throws IOException {
        JsonNode spec = yaml(Fixture.TA_FLINKDEPLOYMENT).path("spec");
        JsonNode pod = spec.path("podTemplate");
        assertThat(pod.path("apiVersion").asText()).isEqualTo("v1");
        assertThat(pod.path("kind").asText()).isEqualTo("Pod");
        assertThat(pod.at("/metadata/labels/app").asText()).isEqualTo("torghut-ta");
        assertThat(pod.at("/spec/serviceAccountName").asText()).isEqualTo("torghut-runtime");
        assertThat(pod.at("/spec/containers")).hasSize(1);
        JsonNode container = pod.at("/spec/containers/0");
        assertThat(fieldNames(container)).containsExactly("name", "envFrom", "env", "ports");
        assertThat(container.path("name").asText()).isEqualTo("flink-main-container");
        assertThat(container.path("envFrom").findValuesAsText("name"))
                .containsExactly("torghut-ta-config", "market-data-archive-config");
        assertThat(env(container.path("env"))).containsExactlyEntriesOf(map(FLINK_ENV));
        assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(9249);
        assertThat(container.at("/ports/0/name").asText()).isEqualTo("metrics");

        assertThat(spec.at("/jobManager/resource/cpu").asDouble()).isEqualTo(0.5);
        assertThat(spec.at("/jobManager/resource/memory").asText()).isEqualTo("2048m");
        assertThat(spec.at("/jobManager/replicas").asInt()).isEqualTo(1);
        assertThat(spec.at("/jobManager/podTemplate/metadata/labels/app").asText())
                .isEqualTo("torghut-ta");
        assertThat(spec.at("/taskManager/resource/cpu").asInt()).isEqualTo(2);
        assertThat(spec.at("/taskManager/resource/memory").asText()).isEqualTo("4096m");
        assertThat(spec.at("/taskManager/replicas").asInt()).isEqualTo(4);
        assertThat(spec.at("/taskManager/podTemplate/metadata/labels/app").asText())
                .isEqualTo("torghut-ta");
    }

    @Test
    void flinkDeploymentKeepsProductionsKeyOrderAndIndentation() throws IOException {
        JsonNode spec = yaml(Fixture.TA_FLINKDEPLOYMENT).path("spec");
        assertThat(fieldNames(spec))
                .containsExactly(
                        "image",
                        "imagePullPolicy",
                        "restartNonce",
                        "flinkVersion",
                        "serviceAccount",
                        "logConfiguration",
                        "flinkConfiguration",
                        "podTemplate",
                        "jobManager",
                        "taskManager",
                        "job");
        assertThat(fieldNames(spec.path("jobManager")))
                .containsExactly("resource", "podTemplate", "replicas");
        assertThat(fieldNames(spec.path("taskManager")))
                .containsExactly("resource", "podTemplate", "replicas");
        String text = ProductionFixtures.text(Fixture.TA_FLINKDEPLOYMENT);
        assertThat(text)
                .startsWith("apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\n")
                .contains("  restartNonce: 38\n")
                .contains("    log4j-console.properties: |-\n      ####")
                .contains(
                        """
                                  envFrom:
                                    - configMapRef:
                                        name: torghut-ta-config
                                    - configMapRef:
                                        name: market-data-archive-config
                                  env:
                                    - name: TA_KAFKA_DELIVERY_GUARANTEE
                                      value: AT_LEAST_ONCE
                        """)
                .endsWith(
                        """
                          job:
                            entryClass: ai.proompteng.dorvud.ta.flink.FlinkTechnicalAnalysisJobKt
                            jarURI: local:///opt/flink/usrlib/app.jar
                            parallelism: 8
                            upgradeMode: savepoint
                            state: running
                            initialSavepointPath: s3a://flink-checkpoints/torghut/technical-analysis/savepoints/savepoint-437918-85237d1073d0
                            savepointRedeployNonce: 2
                        """);
        assertThat(text.lines().count()).isEqualTo(194);
    }

    @Test
    void flinkDeploymentEmbedsProductionsLogConfigurationWithItsLayout() throws IOException {
        String log =
                yaml(Fixture.TA_FLINKDEPLOYMENT)
                        .at("/spec/logConfiguration/log4j-console.properties")
                        .asText();
        assertThat(log).as("a |- block: no final newline").doesNotEndWith("\n");
        List<String> lines = Arrays.asList(log.split("\n", -1));
        assertThat(lines).hasSize(69);
        assertThat(properties(lines)).containsExactlyEntriesOf(map(LOG4J_PROPERTIES));
        assertThat(IntStream.range(0, lines.size()).filter(i -> lines.get(i).isEmpty()).boxed())
                .containsExactly(17, 22, 26, 40, 46, 60, 64);
        assertThat(commentLines(lines))
                .containsExactly(
                        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 23, 24, 25,
                        27, 28, 29, 41, 47, 61, 65, 66, 67, 68);
        String frame = "#".repeat(80);
        assertThat(lines.get(0)).isEqualTo(frame);
        assertThat(lines.get(16)).isEqualTo(frame);
        assertThat(lines)
                .contains(
                        "#logger.flink.name = org.apache.flink",
                        "#logger.flink.level = INFO",
                        "# monitorInterval = 30",
                        "# rootLogger.level = DEBUG",
                        "logger.kafka.name= org.apache.kafka",
                        "appender.rolling.policies.size.size=100MB");
    }

    // ---- the job's configuration: ConfigMap data plus FlinkDeployment env -----------------

    @Test
    void jobIsStartedWithTheConfigMapDataPlusTheDeploymentEnv() throws IOException {
        Map<String, String> started =
                new LinkedHashMap<>(scalars(yaml(Fixture.TA_CONFIGMAP).path("data")));
        JsonNode env =
                yaml(Fixture.TA_FLINKDEPLOYMENT).at("/spec/podTemplate/spec/containers/0/env");
        env(env).forEach((k, v) -> assertThat(started.put(k, v)).as(k + " set only once").isNull());
        assertThat(started.keySet().stream().filter(k -> k.startsWith("TA_")))
                .hasSize(49)
                .contains(
                        "TA_KAFKA_DELIVERY_GUARANTEE",
                        "TA_KAFKA_USERNAME",
                        "TA_KAFKA_PASSWORD",
                        "TA_CLICKHOUSE_PASSWORD",
                        "TA_S3_ACCESS_KEY",
                        "TA_S3_SECRET_KEY",
                        "TA_CLICKHOUSE_REQUIRE_REPLICATED_TABLES");
        assertThat(started)
                .containsEntry("TA_KAFKA_DELIVERY_GUARANTEE", "AT_LEAST_ONCE")
                .containsEntry("TA_GROUP_ID", "torghut-ta-live")
                .containsEntry("TA_AUTO_OFFSET_RESET", "latest");
    }

    // ---- the trading service ---------------------------------------------------------------

    @Test
    void knativeServiceHasProductionsTradingFlagsAndEveryEnvEntry() throws IOException {
        JsonNode ks = yaml(Fixture.KNATIVE_SERVICE);
        JsonNode container = ks.at("/spec/template/spec/containers/0");
        Map<String, String> env = env(container.path("env"));
        assertThat(env).containsExactlyEntriesOf(map(KNATIVE_ENV));
        assertThat(env)
                .containsEntry("TRADING_ENABLED", "false")
                .containsEntry("TRADING_MODE", "live")
                .containsEntry("TRADING_LIVE_SUBMIT_ENABLED", "true")
                .containsEntry("TRADING_CRYPTO_ENABLED", "false")
                .containsEntry("TRADING_CRYPTO_LIVE_ENABLED", "false")
                .containsEntry("TRADING_SIGNAL_TABLE", "torghut.ta_signals")
                .containsEntry("TRADING_PRICE_TABLE", "torghut.ta_microbars")
                .doesNotContainKey("TRADING_LIVE_ENABLED");
        assertThat(container.path("env").get(0).path("value").isTextual()).isTrue();
    }

    @Test
    void knativeServiceHasProductionsStructure() throws IOException {
        JsonNode ks = yaml(Fixture.KNATIVE_SERVICE);
        assertThat(ks.path("apiVersion").asText()).isEqualTo("serving.knative.dev/v1");
        assertThat(ks.path("kind").asText()).isEqualTo("Service");
        assertThat(scalars(ks.path("metadata")))
                .containsExactly(Map.entry("name", "torghut"), Map.entry("namespace", "torghut"));
        assertThat(scalars(ks.at("/metadata/labels")))
                .containsExactlyEntriesOf(
                        map(
                                """
                                app.kubernetes.io/name=torghut
                                app.kubernetes.io/component=backend
                                app.kubernetes.io/part-of=lab
                                networking.knative.dev/visibility=cluster-local
                                """));
        assertThat(scalars(ks.at("/metadata/annotations")))
                .containsExactlyEntriesOf(
                        map(
                                """
                                argocd.argoproj.io/sync-wave=0
                                serving.knative.dev/creator=system:serviceaccount:argocd:argocd-application-controller
                                argocd.argoproj.io/tracking-id=torghut:serving.knative.dev/Service:torghut/torghut
                                """));
        assertThat(scalars(ks.at("/spec/template/metadata/annotations")))
                .containsExactlyEntriesOf(
                        map(
                                """
                                client.knative.dev/updateTimestamp=2026-07-23T01:21:37Z
                                autoscaling.knative.dev/maxScale=1
                                autoscaling.knative.dev/target=80
                                """));
        JsonNode podSpec = ks.at("/spec/template/spec");
        assertThat(fieldNames(podSpec))
                .containsExactly(
                        "nodeSelector",
                        "containerConcurrency",
                        "timeoutSeconds",
                        "containers",
                        "volumes");
        assertThat(podSpec.at("/nodeSelector/kubernetes.io~1arch").asText()).isEqualTo("arm64");
        assertThat(podSpec.path("containerConcurrency").asInt()).isZero();
        assertThat(podSpec.path("timeoutSeconds").asInt()).isEqualTo(60);
        JsonNode container = podSpec.at("/containers/0");
        assertThat(fieldNames(container))
                .containsExactly(
                        "name",
                        "imagePullPolicy",
                        "securityContext",
                        "image",
                        "ports",
                        "env",
                        "livenessProbe",
                        "startupProbe",
                        "readinessProbe",
                        "resources",
                        "volumeMounts");
        assertThat(container.path("name").asText()).isEqualTo("user-container");
        assertThat(container.at("/securityContext/seccompProfile/type").asText())
                .isEqualTo("Unconfined");
        assertThat(container.path("image").asText())
                .isEqualTo(
                        "registry.ide-newton.ts.net/lab/torghut@sha256:"
                                + "e6448c4c476344eea647f4926872169c25adaa011a5d69c60dfc017cff8d05d9");
        assertThat(container.at("/ports/0/name").asText()).isEqualTo("http1");
        assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(8181);
        assertThat(probe(container.path("livenessProbe"))).isEqualTo("/healthz:8181 6 10 10");
        assertThat(probe(container.path("startupProbe"))).isEqualTo("/healthz:8181 60 5 10");
        assertThat(probe(container.path("readinessProbe"))).isEqualTo("/healthz:8181 3 5 10");
        assertThat(container.path("resources").toString())
                .isEqualTo(
                        "{\"requests\":{\"cpu\":\"100m\",\"memory\":\"256Mi\"},"
                                + "\"limits\":{\"cpu\":\"500m\",\"memory\":\"1Gi\"}}");
        assertThat(container.path("volumeMounts").toString())
                .isEqualTo(
                        "[{\"name\":\"strategy-config\",\"mountPath\":\"/etc/torghut\",\"readOnly\":true},"
                                + "{\"name\":\"whitepapers-config\",\"mountPath\":\"/etc/torghut/whitepapers-config\",\"readOnly\":true},"
                                + "{\"name\":\"whitepapers-secret\",\"mountPath\":\"/etc/torghut/whitepapers-secret\",\"readOnly\":true}]");
        assertThat(podSpec.path("volumes").toString())
                .isEqualTo(
                        "[{\"name\":\"strategy-config\",\"configMap\":{\"name\":\"torghut-strategy-config\"}},"
                                + "{\"name\":\"whitepapers-config\",\"configMap\":{\"name\":\"torghut-whitepapers\"}},"
                                + "{\"name\":\"whitepapers-secret\",\"secret\":{\"secretName\":\"torghut-whitepapers\"}}]");
        assertThat(ProductionFixtures.text(Fixture.KNATIVE_SERVICE).lines().count()).isEqualTo(512);
    }

    @Test
    void knativeServiceHasTheTwoLineCommentBetweenTradingEnabledAndItsValue() {
        List<String> lines = ProductionFixtures.text(Fixture.KNATIVE_SERVICE).lines().toList();
        assertThat(commentLines(lines)).containsExactly(140, 141);
        assertThat(lines.get(139)).isEqualTo("            - name: TRADING_ENABLED");
        assertThat(lines.get(140)).startsWith("              # ");
        assertThat(lines.get(141)).startsWith("              # ");
        assertThat(lines.get(142)).isEqualTo("              value: \"false\"");
    }

    // ---- kustomization, metrics Service, topics --------------------------------------------

    @Test
    void kustomizationAndMetricsServiceAreProductions() throws IOException {
        JsonNode k = yaml(Fixture.TA_KUSTOMIZATION);
        assertThat(k.path("apiVersion").asText()).isEqualTo("kustomize.config.k8s.io/v1beta1");
        assertThat(k.path("kind").asText()).isEqualTo("Kustomization");
        assertThat(k.path("namespace").asText()).isEqualTo("torghut");
        assertThat(texts(k.path("resources")))
                .containsExactly(
                        "flinkdeployment.yaml",
                        "metrics-service.yaml",
                        "pdb.yaml",
                        "configmap.yaml",
                        "objectbucketclaim.yaml");

        JsonNode svc = yaml(Fixture.TA_METRICS_SERVICE);
        assertThat(svc.path("kind").asText()).isEqualTo("Service");
        assertThat(svc.at("/metadata/name").asText()).isEqualTo("torghut-ta-metrics");
        assertThat(svc.at("/metadata/namespace").asText()).isEqualTo("torghut");
        assertThat(scalars(svc.at("/metadata/labels")))
                .containsExactly(
                        Map.entry("app", "torghut-ta"),
                        Map.entry("app.kubernetes.io/part-of", "torghut"));
        assertThat(svc.at("/spec/type").asText()).isEqualTo("ClusterIP");
        assertThat(scalars(svc.at("/spec/selector")))
                .containsExactly(
                        Map.entry("app", "torghut-ta"),
                        Map.entry("component", "jobmanager"),
                        Map.entry("type", "flink-native-kubernetes"));
        assertThat(svc.at("/spec/ports")).hasSize(1);
        assertThat(scalars(svc.at("/spec/ports/0")))
                .containsExactly(
                        Map.entry("name", "metrics"),
                        Map.entry("port", "9249"),
                        Map.entry("protocol", "TCP"),
                        Map.entry("targetPort", "metrics"));
    }

    @Test
    void kafkaTopicsHaveProductionsPartitionsReplicasAndRetention() throws IOException {
        List<String> actual = new ArrayList<>();
        try (var docs =
                YAML.readerFor(JsonNode.class)
                        .<JsonNode>readValues(ProductionFixtures.text(Fixture.KAFKA_TOPICS))) {
            while (docs.hasNext()) {
                JsonNode t = docs.next();
                assertThat(t.path("apiVersion").asText()).isEqualTo("kafka.strimzi.io/v1");
                assertThat(t.path("kind").asText()).isEqualTo("KafkaTopic");
                assertThat(t.at("/metadata/namespace").asText()).isEqualTo("kafka");
                assertThat(t.at("/metadata/labels/strimzi.io~1cluster").asText())
                        .isEqualTo("kafka");
                assertThat(fieldNames(t.at("/spec/config")))
                        .containsExactly("compression.type", "retention.ms", "cleanup.policy");
                actual.add(
                        String.join(
                                " ",
                                t.at("/metadata/name").asText(),
                                t.at("/spec/partitions").asText(),
                                t.at("/spec/replicas").asText(),
                                t.at("/spec/config/retention.ms").asText(),
                                t.at("/spec/config/cleanup.policy").asText(),
                                t.at("/spec/config/compression.type").asText()));
            }
        }
        assertThat(actual).containsExactlyElementsOf(TOPICS.lines().toList());
        long days35 = 35L * 24 * 3600 * 1000;
        long days7 = 7L * 24 * 3600 * 1000;
        assertThat(TOPICS).contains("torghut.ta.signals.v1 1 3 " + days35 + " delete");
        assertThat(TOPICS).contains("torghut.ta.status.v1 1 3 " + days7 + " compact,delete");
    }

    // ---- the ClickHouse DDL ----------------------------------------------------------------

    @Test
    void ddlHasProductionsStatementsInOrder() {
        List<String> heads =
                statements().stream()
                        .map(
                                s ->
                                        s.startsWith("CREATE TABLE")
                                                ? s.substring(0, s.indexOf(" ("))
                                                : s)
                        .toList();
        assertThat(heads)
                .containsExactly(
                        "CREATE DATABASE IF NOT EXISTS torghut ON CLUSTER default",
                        "CREATE TABLE IF NOT EXISTS torghut.ta_microbars ON CLUSTER default",
                        "ALTER TABLE torghut.ta_microbars ON CLUSTER default"
                                + " MODIFY TTL toDateTime(event_ts) + INTERVAL 35 DAY",
                        "CREATE TABLE IF NOT EXISTS torghut.ta_signals ON CLUSTER default",
                        "ALTER TABLE torghut.ta_signals ON CLUSTER default"
                                + " ADD COLUMN IF NOT EXISTS microstructure_signal_v1 Nullable(String)",
                        "ALTER TABLE torghut.ta_signals ON CLUSTER default"
                                + " MODIFY TTL toDateTime(event_ts) + INTERVAL 35 DAY",
                        "CREATE TABLE IF NOT EXISTS torghut.options_contract_bars_1s ON CLUSTER default",
                        "CREATE TABLE IF NOT EXISTS torghut.options_contract_features ON CLUSTER default",
                        "CREATE TABLE IF NOT EXISTS torghut.options_surface_features ON CLUSTER default");
    }

    @Test
    void ddlTablesHaveProductionsColumnsEnginesKeeperPathsAndTtl() {
        Pattern create =
                Pattern.compile(
                        "CREATE TABLE IF NOT EXISTS (\\S+) ON CLUSTER default \\((.*)\\)"
                                + " ENGINE = (\\w+)\\('([^']*)', '([^']*)', (\\w+)\\)"
                                + " PARTITION BY (.+) ORDER BY \\((.+)\\) TTL (.+) SETTINGS (.+)");
        Map<String, Table> actual = new LinkedHashMap<>();
        for (String s : statements()) {
            if (!s.startsWith("CREATE TABLE")) {
                continue;
            }
            Matcher m = create.matcher(s);
            assertThat(m.matches()).as(s).isTrue();
            String table = m.group(1);
            String shortName = table.substring(table.indexOf('.') + 1);
            assertThat(m.group(3)).as(table).isEqualTo("ReplicatedReplacingMergeTree");
            assertThat(m.group(4))
                    .as(table)
                    .isEqualTo("/clickhouse/tables/{cluster}/{shard}/" + shortName);
            assertThat(m.group(5)).as(table).isEqualTo("{replica}");
            assertThat(m.group(6)).as(table + " version column").isEqualTo("ingest_ts");
            assertThat(m.group(7)).as(table).isEqualTo("toDate(event_ts)");
            Matcher ttl =
                    Pattern.compile("toDateTime\\(event_ts\\) \\+ INTERVAL (\\d+) DAY")
                            .matcher(m.group(9));
            assertThat(ttl.matches()).as(table + " TTL " + m.group(9)).isTrue();
            assertThat(m.group(10)).as(table).isEqualTo("index_granularity = 8192");
            String columns =
                    Arrays.stream(m.group(2).split(", (?=[a-z_0-9]+ [A-Z])"))
                            .map(String::trim)
                            .collect(Collectors.joining("\n", "", "\n"));
            actual.put(table, new Table(m.group(8), Integer.parseInt(ttl.group(1)), columns));
        }
        assertThat(actual).containsExactlyEntriesOf(TABLES);

        String signals = TABLES.get("torghut.ta_signals").columns();
        assertThat(signals.indexOf("seq UInt64")).isLessThan(signals.indexOf("ingest_ts "));
        assertThat(signals)
                .contains("imbalance_bid_sz Nullable(UInt64)", "imbalance_ask_sz Nullable(UInt64)")
                .doesNotContain("imbalance_mid", "imbalance_ratio");
    }

    // ---- the accessor ----------------------------------------------------------------------

    @Test
    void gitOpsCheckoutIsWrittenAtTheReplayToolsDefaultPaths(@TempDir Path dir) throws IOException {
        assertThat(ProductionFixtures.copyGitOpsCheckout(dir)).isEqualTo(dir);
        List<String> written;
        try (Stream<Path> files = Files.walk(dir)) {
            written =
                    files.filter(Files::isRegularFile)
                            .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                            .sorted()
                            .toList();
        }
        assertThat(written)
                .containsExactly(
                        "argocd/applications/kafka/torghut-topics.yaml",
                        "argocd/applications/torghut/knative-service.yaml",
                        "argocd/applications/torghut/ta/configmap.yaml",
                        "argocd/applications/torghut/ta/flinkdeployment.yaml",
                        "argocd/applications/torghut/ta/kustomization.yaml",
                        "argocd/applications/torghut/ta/metrics-service.yaml");
        for (Fixture f : Fixture.values()) {
            if (f.inGitOpsCheckout()) {
                assertThat(Files.readString(dir.resolve(f.path())))
                        .isEqualTo(ProductionFixtures.text(f));
            }
        }
        assertThat(Fixture.CLICKHOUSE_DDL.inGitOpsCheckout()).isFalse();
    }

    @Test
    void copyToWritesTheFixtureBytes(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("a/b/ta-schema.sql");
        assertThat(ProductionFixtures.copyTo(Fixture.CLICKHOUSE_DDL, target)).isEqualTo(target);
        assertThat(Files.readString(target))
                .isEqualTo(ProductionFixtures.text(Fixture.CLICKHOUSE_DDL));
    }

    @Test
    void fixturesStandOnTheirOwnAndTheReadmeDescribesEachOne() throws IOException {
        String readme;
        try (InputStream in =
                ProductionFixtures.class.getResourceAsStream(
                        ProductionFixtures.ROOT + "README.md")) {
            assertThat(in).isNotNull();
            readme = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (Fixture f : Fixture.values()) {
            String text = ProductionFixtures.text(f);
            assertThat(text).as(f.path()).endsWith("\n").doesNotContain("\r", "\t", "shared/");
            assertThat(text.lines())
                    .as(f.path() + ": no trailing blanks")
                    .noneMatch(l -> l.endsWith(" "));
            assertThat(readme).as("README row for " + f.path()).contains("| `" + f.path() + "` |");
        }
        assertThat(readme).doesNotContain("shared/").contains("ProductionFixturesTest");
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static JsonNode yaml(Fixture fixture) throws IOException {
        return YAML.readTree(ProductionFixtures.text(fixture));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** A mapping's scalar entries as text, in order. */
    private static Map<String, String> scalars(JsonNode mapping) {
        Map<String, String> out = new LinkedHashMap<>();
        mapping.fields()
                .forEachRemaining(
                        e -> {
                            if (e.getValue().isValueNode()) {
                                out.put(e.getKey(), e.getValue().asText());
                            }
                        });
        return out;
    }

    /** A container's env as name to value, or to {@code secret:}/{@code configmap:} references. */
    private static Map<String, String> env(JsonNode env) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode e : env) {
            String name = e.path("name").asText();
            String value;
            if (e.has("value")) {
                assertThat(e.path("value").isTextual()).as(name + " is a string").isTrue();
                value = e.path("value").asText();
            } else {
                JsonNode from = e.path("valueFrom");
                boolean secret = from.has("secretKeyRef");
                JsonNode ref = secret ? from.path("secretKeyRef") : from.path("configMapKeyRef");
                value =
                        (secret ? "secret:" : "configmap:")
                                + ref.path("name").asText()
                                + "/"
                                + ref.path("key").asText()
                                + (ref.path("optional").asBoolean() ? "?optional" : "");
            }
            assertThat(out.put(name, value)).as(name + " appears once").isNull();
        }
        return out;
    }

    /** {@code key=value} lines to an ordered map ({@code \n} in a value stands for a newline). */
    private static Map<String, String> map(String lines) {
        Map<String, String> out = new LinkedHashMap<>();
        lines.lines()
                .forEach(
                        l -> {
                            int eq = l.indexOf('=');
                            out.put(l.substring(0, eq), l.substring(eq + 1).replace("\\n", "\n"));
                        });
        return out;
    }

    /** The settings of a properties text (not comments, not blank lines), in order. */
    private static Map<String, String> properties(List<String> lines) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String l : lines) {
            if (!l.isEmpty() && !l.startsWith("#")) {
                int eq = l.indexOf('=');
                out.put(l.substring(0, eq).trim(), l.substring(eq + 1).trim());
            }
        }
        return out;
    }

    private static List<Integer> commentLines(List<String> lines) {
        return IntStream.range(0, lines.size())
                .filter(i -> lines.get(i).trim().startsWith("#"))
                .boxed()
                .toList();
    }

    private static String probe(JsonNode p) {
        return p.at("/httpGet/path").asText()
                + ":"
                + p.at("/httpGet/port").asInt()
                + " "
                + p.path("failureThreshold").asInt()
                + " "
                + p.path("periodSeconds").asInt()
                + " "
                + p.path("timeoutSeconds").asInt();
    }

    /** The DDL's statements, without comment lines, each on one line with single spaces. */
    private static List<String> statements() {
        String sql =
                ProductionFixtures.text(Fixture.CLICKHOUSE_DDL)
                        .lines()
                        .filter(l -> !l.trim().startsWith("--"))
                        .collect(Collectors.joining("\n"));
        return Arrays.stream(sql.split(";"))
                .map(s -> s.replaceAll("\\s+", " ").replace("( ", "(").replace(" )", ")").trim())
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
