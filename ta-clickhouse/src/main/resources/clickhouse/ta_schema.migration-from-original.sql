-- Upgrading production's tables (torghut.ta_microbars / torghut.ta_signals, as the job this one
-- replaces created them) for this job: additive only. ADD COLUMN is a metadata change on a
-- (Replicated)MergeTree table: no part is rewritten, replicas apply it through Keeper, and readers
-- that select columns by name do not see the new nullable columns.
-- Quote sizes keep production's Nullable(UInt64): the job writes the nearest whole number there.
-- The job's strict start-up check (TA_CLICKHOUSE_SCHEMA_INIT_STRICT=true) refuses to start until
-- these have run, and prints them.
ALTER TABLE torghut.ta_signals ON CLUSTER default ADD COLUMN IF NOT EXISTS imbalance_mid Nullable(Float64) AFTER imbalance_ask_sz;
ALTER TABLE torghut.ta_signals ON CLUSTER default ADD COLUMN IF NOT EXISTS imbalance_ratio Nullable(Float64) AFTER imbalance_mid;
-- Rows written by the job this one replaces keep their per-run seq; rows from this job use the
-- derived seq (window_start_ms * 1000 + window seconds), so a replay of an old window adds rows
-- beside the old ones instead of replacing them. Clean a replayed window of old rows with
--   ALTER TABLE torghut.ta_signals ON CLUSTER default DELETE
--   WHERE event_ts BETWEEN '<from>' AND '<to>' AND seq < 1000000000000000;
-- (derived seqs are > 10^15; the old counters are far below).
