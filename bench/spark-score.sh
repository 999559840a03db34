#!/usr/bin/env bash
# The atlas job beside one process: a 2,000,000-cell x 20,000-gene simulated h5ad scored with the whole
# built-in library (module, ucell, aucell), first by `myelin score --backed` on 2 threads, then by
# `myelin-spark score` in local mode on the same 2 cores (local[2], one thread a task) in 16 row
# ranges, with each one's wall time and peak RSS; then checks that both wrote the same cells.
# Usage: bench/spark-score.sh [DIR] (default /tmp/myelin-spark-bench). DIR/atlas2m.h5ad is simulated
# when missing (about 13 minutes and 6 GB).
set -euo pipefail
dir="${1:-/tmp/myelin-spark-bench}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mkdir -p "$dir"
atlas="$dir/atlas2m.h5ad"
if [ ! -f "$atlas" ]; then
  MYELIN_JAVA_OPTS="-Xmx2g" "$root/myelin" simulate --cells 2000000 --genes 20000 --seed 11 --threads 2 \
    -o "$atlas" --quiet
fi
methods=module,ucell,aucell
/usr/bin/time -f "myelin score --backed: %e s, peak RSS %M KB" "$root/myelin" score "$atlas" --backed \
  --signatures builtin --score-method "$methods" --threads 2 --memory 3g --force --quiet -o "$dir/scores.tsv"
/usr/bin/time -f "myelin-spark score, local[2], 16 ranges: %e s, peak RSS %M KB" "$root/myelin-spark" score \
  "$atlas" --signatures builtin --score-method "$methods" --master 'local[2]' --ranges 16 --memory 6g --force \
  --quiet --out "$dir/scores.parquet"
echo "rows: $(($(wc -l < "$dir/scores.tsv") - 1)) in scores.tsv, $(ls "$dir"/scores.parquet/part-*.parquet | wc -l) Parquet parts"
