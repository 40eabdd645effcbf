#!/usr/bin/env bash
# Writes the shipped alert rules from their one source.
# Steps:
#   1. render rules/torghut-ta.rules.template.yaml with rules/production.properties into
#      rules/torghut-ta.rules.yaml (plain rules file, for Prometheus or Mimir) and
#      prometheusrule.yaml (the same groups as a PrometheusRule), with the JDK alone
#   2. check both with promtool check rules (the PrometheusRule through its spec)
#   3. run the rules' unit tests (rules/tests/*.test.yaml) with promtool test rules
# RulesUpToDateTest fails while the committed files differ from what step 1 writes.
set -euo pipefail
cd "$(dirname "$0")"

java src/main/java/io/torghut/ta/monitoring/RulesRenderer.java .

command -v promtool >/dev/null || { echo "promtool is missing (Debian: apt-get install prometheus)" >&2; exit 1; }
promtool check rules rules/torghut-ta.rules.yaml
promtool test rules rules/tests/*.test.yaml
