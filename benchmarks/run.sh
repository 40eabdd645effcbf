#!/usr/bin/env bash
# Micro-benchmarks: builds ta-core, ta-job and the benchmarks jar, runs every JMH benchmark
# (ta-core, the job's wire formats, and the ta4j / TA-Lib baselines in the same run), then
# writes benchmarks/results/jmh-<date>.json, benchmarks/results/micro-latest.md and the
# generated section of docs/performance.md.
#
# Usage: bash benchmarks/run.sh [JMH options]
#   no options: -f 2 -wi 5 -w 1s -i 5 -r 1s -prof gc   (about 15 minutes on 2 cores)
#   e.g. only the engine and its baseline: bash benchmarks/run.sh -f 1 'SignalEngine|Ta4j'
# Run it on a quiet machine: other processes on the same cores show up as noise in every figure.
set -euo pipefail
cd "$(dirname "$0")/.."

# The codec benchmark needs ta-job and its dependencies, which the jar leaves out (provided
# scope): they come from Maven's classpath, and JMH's forks inherit it.
classpath_file=benchmarks/target/jmh.classpath
mvn -B -q -pl benchmarks -am package dependency:build-classpath \
  -DskipTests -Dspotless.check.skip=true -Dmdep.outputFile=target/jmh.classpath

args=("$@")
if [ "${#args[@]}" -eq 0 ]; then
  args=(-f 2 -wi 5 -w 1s -i 5 -r 1s -prof gc)
fi
exec java -cp "benchmarks/target/ta-benchmarks.jar:$(cat "$classpath_file")" \
  io.torghut.ta.benchmarks.BenchmarksMain "${args[@]}"
