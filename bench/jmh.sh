#!/usr/bin/env bash
# JMH micro-benchmarks of the numeric kernels: bench/jmh.sh [BENCHMARK-REGEX] [JMH options...].
# Builds the bench module (-Pbench) with a JDK 25+ found as the launcher finds it.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
exec "$java_bin" "${jvm_flags[@]}" -cp "$root/bench/target/myelin-bench.jar" \
  org.openjdk.jmh.Main "${1:-DotProductBenchmark}" "${@:2}"
