#!/usr/bin/env bash
# End-to-end benchmark of the Flink job: builds ta-job and the benchmarks module, then runs
# io.torghut.ta.benchmarks.e2e.EndToEndBenchmark, which
#   1. starts Kafka (KRaft, in process), s3proxy, ClickHouse and a Flink MiniCluster (2 slots),
#   2. throughput: pre-loads 5 M trades of 500 symbols and reads them with the production
#      topology, bounded: at least four times while the JIT settles (the first, in the fresh
#      JVM, is the cold figure; more, up to ten, until the JIT compiled for at most 5 % of a
#      run's wall time x 2), five times more with the Kafka sinks only (their median is the sustained
#      figure), then the original design's topology (Jackson trees, Flink's tumbling window,
#      a 360-bar ta4j rebuild per bar) over the first 1 M trades of the same topic (two
#      runs of about 100 s each; the report gives ours as a ratio to it), then with the
#      ClickHouse sinks too (into new tables each run, production's 1000-row batches and 5 s
#      flush: one warm-up run, three measured, their median the figure; then three with
#      batches of 100 K rows), each with its CPU by thread group and the ClickHouse server's,
#   3. latency: 20 K trades/s, warm-up until the JIT compiled for at most 5 % of the last 5 s
#      (15 s at least, 180 s at most), then 30 s measured, with the job's Flink settings
#      and again with those intervals set explicitly (the run-to-run spread),
#   4. checkpoint: 10 K symbols read, then checkpoints triggered and measured,
# and writes benchmarks/results/e2e-<date>.json, benchmarks/results/e2e-latest.md and the
# generated end-to-end section of docs/performance.md. About 20 to 30 minutes on 2 cores.
#
# Usage: bash benchmarks/run-e2e.sh [-De2e.<option>=<value> ...]
#   e.g. bash benchmarks/run-e2e.sh -De2e.scenarios=latency -De2e.latencySeconds=60
#   options (defaults): scenarios (throughput,latency,checkpoint), parallelism (2),
#   partitions (4), symbols (500), trades (5000000), dayTrades (50000000), clickhouse (true),
#   clickhouseWarmupRuns (1), clickhouseRuns (3), clickhouseBatchSize (1000, production's),
#   clickhouseLargeBatchSize (100000; 0 = no such runs),
#   baseline (true), baselineWarmupRuns (0), baselineRuns (2), baselineTrades (1000000),
#   warmupRuns (4), maxWarmupRuns (10), measuredRuns (5),
#   latencyRate (20000), latencySymbols (500), latencyWarmupSeconds (15, at least),
#   latencyMaxWarmupSeconds (180), latencySeconds (30),
#   latencyTuned (true), checkpointSymbols (10000), checkpointSeconds (30),
#   results (benchmarks/results; none = no files), docs (docs/performance.md; none = leave it)
# Run it on a quiet machine: anything else on the same cores shows up in every figure.
set -euo pipefail
cd "$(dirname "$0")/.."

classpath_file=benchmarks/target/e2e.classpath
mvn -B -q -pl benchmarks -am package dependency:build-classpath \
  -DskipTests -Dspotless.check.skip=true -Dmdep.outputFile=target/e2e.classpath

# The heap is fixed (initial = maximum), as Flink fixes a TaskManager's: with a small initial heap
# G1 starts with a small young generation and collects several times as often.
exec java -Xms6g -Xmx6g \
  -Dlog4j2.configurationFile=benchmarks/e2e-log4j2.properties \
  "$@" \
  -cp "benchmarks/target/classes:$(cat "$classpath_file")" \
  io.torghut.ta.benchmarks.e2e.EndToEndBenchmark
