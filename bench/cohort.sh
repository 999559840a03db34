#!/usr/bin/env bash
# A cohort of 20 patients x 20,000 cells (400,000 cells, 20,000 genes): concat from the sample
# sheet, then `myelin run` with --batch-key batch through the steps a multi-sample analysis starts
# with: QC, doublets (Scrublet on each sample), normalize, HVG, PCA and Harmony (integrate). Prints
# each command's and each step's seconds and the peak RSS. Simulating the cohort the first time
# takes a few minutes; it is kept in DIR.
# Usage: bench/cohort.sh [DIR] (default /tmp/myelin-cohort). HEAP=12g sets the heap.
set -euo pipefail
dir="${1:-/tmp/myelin-cohort}"
heap="${HEAP:-12g}"
mkdir -p "$dir"
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
[ -f "$dir/cohort/samples.csv" ] || "$root/myelin" --memory 4g simulate --samples 20 --cells 20000 --genes 20000 \
  --seed 4 -o "$dir/cohort" --quiet
"$root/myelin" --version > /dev/null # builds the jar first if the sources are newer, outside the timings
/usr/bin/time -f '%e %M' -o "$dir/concat.time" "$root/myelin" --memory "$heap" concat \
  --samples "$dir/cohort/samples.csv" -o "$dir/cohort.h5ad" --threads 2 --force 2> "$dir/concat.log"
/usr/bin/time -f '%e %M' -o "$dir/run.time" "$root/myelin" --memory "$heap" run "$dir/cohort.h5ad" \
  -o "$dir/integrated.h5ad" --batch-key batch --steps qc,doublets,normalize,hvg,pca,integrate \
  --threads 2 --force 2> "$dir/run.log"
python3 - "$dir" <<'PY'
import os, re, sys
d = sys.argv[1]
def whole(name):
    wall, rss = open(os.path.join(d, name + ".time")).read().split()
    return float(wall), int(rss) / 1e6
print("| step | seconds |\n| --- | --- |")
w, r = whole("concat")
print(f"| concat (20 h5ad files) | {w:.1f} ({r:.2f} GB peak RSS) |")
for line in open(os.path.join(d, "run.log")):
    g = re.search(r"myelin run: (\S+) done in ([0-9.]+) s", line)
    if g:
        print(f"| {g.group(1)} | {float(g.group(2)):.1f} |")
w, r = whole("run")
print(f"| **run, whole process** | **{w:.0f} s, {r:.2f} GB peak RSS** |")
PY
grep -E "Scrublet|Harmony" "$dir/run.log" || true
