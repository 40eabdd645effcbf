-- torghut TA output tables, ClickHouse 18.16 test form (no DateTime64, TTL, LowCardinality).
-- Generated from io.torghut.ta.job.clickhouse.TaTables; regenerate with:
--   ./run-local.sh --print-ddl legacy-18

CREATE DATABASE IF NOT EXISTS torghut;

CREATE TABLE IF NOT EXISTS torghut.ta_microbars
(
    symbol String,
    event_ts DateTime('UTC'),
    seq UInt64,
    ingest_ts DateTime('UTC'),
    is_final UInt8,
    source String,
    window_size String,
    window_step Nullable(String),
    window_start Nullable(DateTime('UTC')),
    window_end Nullable(DateTime('UTC')),
    version UInt32,
    o Float64,
    h Float64,
    l Float64,
    c Float64,
    v Float64,
    vwap Nullable(Float64),
    count UInt64
)
ENGINE = ReplacingMergeTree(ingest_ts)
PARTITION BY toDate(event_ts)
ORDER BY (symbol, event_ts, seq)
SETTINGS index_granularity = 8192;

CREATE TABLE IF NOT EXISTS torghut.ta_signals
(
    symbol String,
    event_ts DateTime('UTC'),
    seq UInt64,
    ingest_ts DateTime('UTC'),
    is_final UInt8,
    source String,
    window_size String,
    window_step Nullable(String),
    window_start Nullable(DateTime('UTC')),
    window_end Nullable(DateTime('UTC')),
    version UInt32,
    macd Nullable(Float64),
    macd_signal Nullable(Float64),
    macd_hist Nullable(Float64),
    ema12 Nullable(Float64),
    ema26 Nullable(Float64),
    rsi14 Nullable(Float64),
    boll_mid Nullable(Float64),
    boll_upper Nullable(Float64),
    boll_lower Nullable(Float64),
    vwap_session Nullable(Float64),
    vwap_w5m Nullable(Float64),
    imbalance_spread Nullable(Float64),
    imbalance_bid_px Nullable(Float64),
    imbalance_ask_px Nullable(Float64),
    imbalance_bid_sz Nullable(UInt64),
    imbalance_ask_sz Nullable(UInt64),
    imbalance_mid Nullable(Float64),
    imbalance_ratio Nullable(Float64),
    vol_realized_w60s Nullable(Float64),
    microstructure_signal_v1 Nullable(String)
)
ENGINE = ReplacingMergeTree(ingest_ts)
PARTITION BY toDate(event_ts)
ORDER BY (symbol, event_ts, seq)
SETTINGS index_granularity = 8192;
