#!/usr/bin/env bash
# Runs the TA job on an embedded Flink MiniCluster: by default against a generated, seeded tape,
# writing JSONL bars and signals (and checkpoints) under ./run-output.
# Steps:
#   1. build ta-core, ta-job and ta-local (tests skipped) and write ta-local's classpath
#   2. run io.torghut.ta.local.LocalRunCommand with the given flags (see --help)
# Example: ./run-local.sh --minutes 30 --symbols AAPL,NVDA --output-dir /tmp/ta-run
set -euo pipefail
cd "$(dirname "$0")"

cp_file=ta-local/target/local-classpath.txt
mvn -B -q -pl ta-local -am package dependency:build-classpath \
  -DskipTests -Dspotless.check.skip=true -Dstyle.color=never \
  -Dmdep.includeScope=runtime -Dmdep.outputFile=target/local-classpath.txt >&2
exec java -cp "ta-local/target/classes:$(cat "$cp_file")" io.torghut.ta.local.LocalRunCommand "$@"
