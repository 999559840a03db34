#!/usr/bin/env bash
# The spatial statistics on the 100k-cell x 20k-gene simulated section (bench/preprocess-benchmark.sh
# makes it), 2 threads, co-occurrence included; then a million cells x 600 genes (simulated when
# missing) without co-occurrence, under a 24 GB heap.
# Usage: bench/spatial-benchmark.sh [DIR] (default /tmp/myelin-bench).
set -euo pipefail
dir="${1:-/tmp/myelin-bench}"
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
[ -f "$dir/counts.h5ad" ] || { echo "no $dir/counts.h5ad: run bench/preprocess-benchmark.sh first" >&2; exit 2; }
echo "== 100k cells =="
"$java_bin" "${jvm_flags[@]}" -Xmx8g -cp "$root/bench/target/myelin-bench.jar" \
  org.myelin.bench.SpatialBenchmark "$dir/counts.h5ad" 2 co-occurrence 2> >(grep -v incubator >&2)
[ -f "$dir/m1g600.h5ad" ] || MYELIN_JAVA_OPTS=-Xmx4g "$root/myelin" simulate --cells 1000000 --genes 600 --seed 1 \
  -o "$dir/m1g600.h5ad"
echo "== 1M cells =="
"$java_bin" "${jvm_flags[@]}" -Xmx24g -cp "$root/bench/target/myelin-bench.jar" \
  org.myelin.bench.SpatialBenchmark "$dir/m1g600.h5ad" 2 2> >(grep -v incubator >&2)
