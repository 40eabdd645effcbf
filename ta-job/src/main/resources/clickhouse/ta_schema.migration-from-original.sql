-- Upgrading the original job's tables (torghut.ta_microbars / torghut.ta_signals) in place.
-- Readers select columns by name, so the new nullable columns are invisible to them.
-- 1. Fractional quote sizes: the original UInt64 truncated them.
ALTER TABLE torghut.ta_signals ON CLUSTER default
    MODIFY COLUMN imbalance_bid_sz Nullable(Float64),
    MODIFY COLUMN imbalance_ask_sz Nullable(Float64);
-- 2. New quote-imbalance outputs.
ALTER TABLE torghut.ta_signals ON CLUSTER default
    ADD COLUMN IF NOT EXISTS imbalance_mid Nullable(Float64) AFTER imbalance_ask_sz,
    ADD COLUMN IF NOT EXISTS imbalance_ratio Nullable(Float64) AFTER imbalance_mid;
-- Rows written by the original job keep their per-run seq; rows from this job use the derived
-- seq (window_start_ms * 1000 + window seconds), so a replay of an old window adds rows beside
-- the old ones instead of replacing them. Clean a replayed window of old rows with
--   ALTER TABLE torghut.ta_signals ON CLUSTER default DELETE
--   WHERE event_ts BETWEEN '<from>' AND '<to>' AND seq < 1000000000000000;
-- (derived seqs are > 10^15; the original counters are far below).
