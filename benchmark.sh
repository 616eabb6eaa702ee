#!/usr/bin/env sh
# The benchmark harness of issue 11 (BENCHMARKS.md): both services in JVMs of their own on the PostgreSQL
# server the tests use, measured against pgbench in the same run. Extra arguments go to Maven, e.g. a short
# run to check the harness: ./benchmark.sh -Dbenchmark.events=20000 -Dbenchmark.seconds=5
# Table: system-tests/target/benchmark-harness.txt and .json.
set -eu
cd "$(dirname "$0")"
USER_SYNC_POSTGRES_REQUIRED=true exec ./mvnw -B -P benchmark -pl system-tests -am verify \
  -Dtest=PerformanceHarnessBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true "$@"
