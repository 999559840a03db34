#!/usr/bin/env bash
# Marker genes (Wilcoxon with tie correction, and Welch's t-test) for 20 groups on every gene of the
# 100k-cell x 20k-gene section (made by bench/preprocess-benchmark.sh or read-benchmark.sh), 2 threads.
# Usage: bench/markers-benchmark.sh [DIR] (default /tmp/myelin-bench).
set -euo pipefail
dir="${1:-/tmp/myelin-bench}"
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
[ -f "$dir/counts.h5ad" ] || { echo "no $dir/counts.h5ad: run bench/preprocess-benchmark.sh first" >&2; exit 2; }
"$java_bin" "${jvm_flags[@]}" -Xmx8g -cp "$root/bench/target/myelin-bench.jar" \
  org.myelin.bench.MarkersBenchmark "$dir/counts.h5ad" 2 20 2> >(grep -v incubator >&2)
