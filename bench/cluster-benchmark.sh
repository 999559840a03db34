#!/usr/bin/env bash
# Leiden (leidenalg's optimiser and CWTS's) on the neighbour graph of the 100k-cell section, and on a
# million cells when DIR holds m1-run.h5ad (see the README). The 100k graph is made from counts.h5ad
# (bench/preprocess-benchmark.sh) by myelin run up to neighbors when missing.
# Usage: bench/cluster-benchmark.sh [DIR] (default /tmp/myelin-bench).
set -euo pipefail
dir="${1:-/tmp/myelin-bench}"
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
[ -f "$dir/counts.h5ad" ] || { echo "no $dir/counts.h5ad: run bench/preprocess-benchmark.sh first" >&2; exit 2; }
if [ ! -f "$dir/graph100k.h5ad" ]; then
  "$root/myelin" run "$dir/counts.h5ad" -o "$dir/graph100k.h5ad" --steps qc,normalize,hvg,pca,neighbors --threads 2
fi
for f in "$dir/graph100k.h5ad" "$dir/m1-run.h5ad"; do
  [ -f "$f" ] || continue
  echo "== $f"
  "$java_bin" "${jvm_flags[@]}" -Xmx22g -cp "$root/bench/target/myelin-bench.jar" \
    org.myelin.bench.ClusterBenchmark "$f" 2> >(grep -v incubator >&2)
done
