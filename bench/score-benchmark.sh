#!/usr/bin/env bash
# Signature scoring: the whole built-in library on the 100k-cell x 20k-gene section in memory, one
# method at a time, 2 threads; then `myelin score --backed` streaming a million-cell h5ad (module and
# ucell) under a 2 GB heap, with its peak RSS.
# Usage: bench/score-benchmark.sh [DIR] (default /tmp/myelin-bench). The million-cell file
# DIR/m1g20k.h5ad is simulated when missing (about 6 minutes and 5 GB).
set -euo pipefail
dir="${1:-/tmp/myelin-bench}"
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
[ -f "$dir/counts.h5ad" ] || { echo "no $dir/counts.h5ad: run bench/preprocess-benchmark.sh first" >&2; exit 2; }
"$java_bin" "${jvm_flags[@]}" -Xmx8g -cp "$root/bench/target/myelin-bench.jar" \
  org.myelin.bench.ScoreBenchmark "$dir/counts.h5ad" 2 2> >(grep -v incubator >&2)
if [ ! -f "$dir/m1g20k.h5ad" ]; then
  MYELIN_JAVA_OPTS="-Xmx2g" "$root/myelin" simulate --cells 1000000 --genes 20000 --seed 1 --threads 2 \
    -o "$dir/m1g20k.h5ad"
fi
for method in module ucell; do
  MYELIN_JAVA_OPTS="-Xmx1500m" /usr/bin/time -f "backed $method: %e s, peak RSS %M KB" "$root/myelin" score \
    "$dir/m1g20k.h5ad" --backed --score-method "$method" --threads 2 --force -o "$dir/m1g20k-$method.tsv"
done
