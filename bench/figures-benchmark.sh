#!/usr/bin/env bash
# Figures: the whole HTML report of a 100,000-cell simulated section after `myelin run` (every step,
# the niche included), and the tissue of a million cells as PNG and SVG; 2 cores.
# Usage: bench/figures-benchmark.sh [DIR] (default /tmp/myelin-bench).
set -euo pipefail
dir="${1:-/tmp/myelin-bench}"
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
mkdir -p "$dir"
[ -f "$dir/fig100k.h5ad" ] || MYELIN_JAVA_OPTS=-Xmx8g "$root/myelin" simulate --cells 100000 --genes 3000 --seed 2 \
  -o "$dir/fig100k.h5ad" --quiet
[ -f "$dir/fig100k_result.h5ad" ] || MYELIN_JAVA_OPTS=-Xmx12g "$root/myelin" run "$dir/fig100k.h5ad" \
  -o "$dir/fig100k_result.h5ad" --niche-reference cell_type=schwann --niche-cells cell_type=cd8_t \
  --tumour cell_type=tumour_squamous --threads 2 --quiet
echo "== the report of 100k cells =="
/usr/bin/time -f 'peak RSS %M KB, %e s wall' "$java_bin" "${jvm_flags[@]}" -Djava.awt.headless=true -Xmx8g \
  -cp "$root/bench/target/myelin-bench.jar" org.myelin.bench.FiguresBenchmark report "$dir/fig100k_result.h5ad" \
  "$dir/fig100k_report.html" 2> >(grep -v incubator >&2)
echo "== the tissue of 1,000,000 cells =="
/usr/bin/time -f 'peak RSS %M KB, %e s wall' "$java_bin" "${jvm_flags[@]}" -Djava.awt.headless=true -Xmx8g \
  -cp "$root/bench/target/myelin-bench.jar" org.myelin.bench.FiguresBenchmark scatter 1000000 "$dir/scatter" \
  2> >(grep -v incubator >&2)
