#!/usr/bin/env bash
# The whole `myelin run` on a million simulated cells by 20,000 genes (1.88 billion non-zeros, a
# 3.0 GB h5ad) under a 12 GB heap: every default step, the spatial ones included (the simulated
# cells have coordinates), Wilcoxon markers. Prints each step's seconds, the wall time and the peak
# RSS. Simulating the input takes about 6 minutes the first time; it is kept in DIR.
# Usage: bench/million-cells.sh [DIR] (default /tmp/myelin-1m). HEAP=12g sets the heap.
set -euo pipefail
dir="${1:-/tmp/myelin-1m}"
heap="${HEAP:-12g}"
mkdir -p "$dir"
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
[ -f "$dir/counts.h5ad" ] || "$root/myelin" --memory 4g simulate --cells 1000000 --genes 20000 --seed 3 \
  -o "$dir/counts.h5ad" --quiet
"$root/myelin" --version > /dev/null # builds the jar first if the sources are newer, outside the timings
/usr/bin/time -f '%e %M' -o "$dir/run.time" "$root/myelin" --memory "$heap" run "$dir/counts.h5ad" \
  -o "$dir/run.h5ad" --niche-reference cell_type=schwann --niche-cells cell_type=cd8_t \
  --tumour cell_type=tumour_squamous --threads 2 --force 2> "$dir/run.log"
python3 - "$dir" <<'PY'
import os, re, sys
d = sys.argv[1]
print("| step | seconds |\n| --- | --- |")
for line in open(os.path.join(d, "run.log")):
    g = re.search(r"myelin run: (\S+) done in ([0-9.]+) s", line)
    if g:
        print(f"| {g.group(1)} | {float(g.group(2)):.1f} |")
wall, rss = open(os.path.join(d, "run.time")).read().split()
print(f"| **whole process** | **{float(wall):.0f} s, {int(rss) / 1e6:.2f} GB peak RSS** |")
PY
