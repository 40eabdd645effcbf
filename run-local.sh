#!/usr/bin/env bash
# Runs the TA job on an embedded Flink MiniCluster: by default against a generated, seeded tape,
# writing JSONL bars and signals (and checkpoints) under ./run-output, and their chart beside them
# (run-output/chart.html, one HTML file that opens offline; its path is printed).
# Steps:
#   1. build ta-core, ta-clickhouse, ta-chart (its build fetches the charting library with npm),
#      ta-job and ta-local (tests skipped) and write ta-local's classpath
#   2. run io.torghut.ta.local.LocalRunCommand with the given flags (see --help); it writes the
#      chart of its outputs when they are files
# Example: ./run-local.sh --minutes 30 --symbols AAPL,NVDA --output-dir /tmp/ta-run
# Charts alone: ./run-local.sh chart --help (JSONL outputs, ClickHouse, or two runs' parity)
set -euo pipefail
cd "$(dirname "$0")"

cp_file=ta-local/target/local-classpath.txt
mvn -B -q -pl ta-local -am package dependency:build-classpath \
  -DskipTests -Dspotless.check.skip=true -Dstyle.color=never \
  -Dmdep.includeScope=runtime -Dmdep.outputFile=target/local-classpath.txt >&2
exec java -cp "ta-local/target/classes:$(cat "$cp_file")" io.torghut.ta.local.LocalRunCommand "$@"
