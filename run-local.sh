#!/usr/bin/env bash
# Runs the TA job on an embedded Flink MiniCluster: by default against a generated, seeded tape,
# writing JSONL bars and signals (and checkpoints) under ./run-output.
# Steps:
#   1. build ta-core and ta-job (tests skipped) and write ta-job's classpath, Flink included
#   2. run io.torghut.ta.job.TaJob --local with the given flags (see --help)
# Example: ./run-local.sh --minutes 30 --symbols AAPL,NVDA --output-dir /tmp/ta-run
set -euo pipefail
cd "$(dirname "$0")"

cp_file=ta-job/target/local-classpath.txt
mvn -B -q -pl ta-job -am package dependency:build-classpath \
  -DskipTests -Dspotless.check.skip=true \
  -Dmdep.includeScope=compile -Dmdep.outputFile=target/local-classpath.txt >&2
exec java -cp "ta-job/target/classes:$(cat "$cp_file")" io.torghut.ta.job.TaJob --local "$@"
