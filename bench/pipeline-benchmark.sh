#!/usr/bin/env bash
# The whole pipeline, myelin beside scanpy, on the same simulated 100k-cell x 20k-gene h5ad on this
# machine, one after the other: `myelin run` (t-test markers, the 37 built-in scores) and
# ../shared/peers/scanpy_pipeline.py doing the same steps; prints seconds per step, the ratio, and the
# whole process's wall time and peak RSS. REPS=3 repeats myelin's run and reports min and median.
# Usage: bench/pipeline-benchmark.sh [DIR] (default /tmp/myelin-bench). Needs ../shared/peers set up
# (../shared/peers/setup.sh) for scanpy.
set -euo pipefail
dir="${1:-/tmp/myelin-bench}"
reps="${REPS:-1}"
mkdir -p "$dir"
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
peers="$root/../shared/peers"
[ -f "$dir/counts.h5ad" ] || MYELIN_JAVA_OPTS=-Xmx4g "$root/myelin" simulate --cells 100000 --genes 20000 --seed 1 \
  -o "$dir/counts.h5ad" --quiet
steps=qc,normalize,hvg,pca,neighbors,leiden,umap,markers,score
"$root/myelin" --version > /dev/null # builds the jar first if the sources are newer, outside the timings
walls=()
best=
for r in $(seq 1 "$reps"); do
  /usr/bin/time -f '%e %M' -o "$dir/myelin.time.$r" "$root/myelin" run "$dir/counts.h5ad" -o "$dir/myelin_out.h5ad" \
    --method t-test --steps "$steps" --threads 2 --force 2> "$dir/myelin.log.$r"
  walls+=("$(cut -d' ' -f1 "$dir/myelin.time.$r")")
  # The step table and the peak RSS are those of the fastest run.
  if [ -z "$best" ] || awk -v a="${walls[-1]}" -v b="$(cut -d' ' -f1 "$dir/myelin.time")" 'BEGIN{exit !(a < b)}'; then
    best=$r
    cp "$dir/myelin.time.$r" "$dir/myelin.time"
    cp "$dir/myelin.log.$r" "$dir/myelin.log"
  fi
done
myelin_rss=$(cut -d' ' -f2 "$dir/myelin.time")
if [ -f "$peers/env.sh" ]; then
  # shellcheck source=/dev/null
  . "$peers/env.sh"
  /usr/bin/time -f '%e %M' -o "$dir/scanpy.time" /usr/bin/python3 "$peers/scanpy_pipeline.py" "$dir/counts.h5ad" \
    "$dir/scanpy_out.h5ad" --markers t-test --signatures "$root/seeds/signatures_human.gmt" 2> "$dir/scanpy.log"
fi
python3 - "$dir" "${walls[*]}" "$myelin_rss" <<'PY'
import csv, os, re, statistics, sys
d, walls, rss = sys.argv[1], [float(w) for w in sys.argv[2].split()], int(sys.argv[3])
m = {}
for line in open(os.path.join(d, "myelin.log")):
    g = re.search(r"myelin run: (\S+) done in ([0-9.]+) s", line)
    if g:
        m[g.group(1)] = float(g.group(2))
s = {}
if os.path.exists(os.path.join(d, "scanpy_out.h5ad.steps.csv")):
    for row in csv.DictReader(open(os.path.join(d, "scanpy_out.h5ad.steps.csv"))):
        s[row["step"]] = float(row["seconds"])
rows = [("read", ["read"], ["read"]), ("qc + filter", ["qc"], ["qc", "filter_cells", "filter_genes"]),
        ("normalize_total + log1p", ["normalize"], ["normalize_total", "log1p"]), ("hvg", ["hvg"], ["hvg"]),
        ("scale + pca", ["pca"], ["scale", "pca"]), ("neighbors", ["neighbors"], ["neighbors"]),
        ("leiden", ["leiden"], ["leiden"]), ("umap", ["umap"], ["umap"]), ("markers (t-test)", ["markers"], ["markers"]),
        ("score (37 sets)", ["score"], ["score"]), ("write", ["write"], ["write"])]
print("| step | myelin | scanpy | ratio |\n| --- | --- | --- | --- |")
for name, mk, sk in rows:
    a = sum(m.get(k, 0) for k in mk) if any(k in m for k in mk) else None
    b = sum(s.get(k, 0) for k in sk) if any(k in s for k in sk) else None
    ratio = f"{b / a:.1f}x" if a and b else ""
    print(f"| {name} | {a:.2f} s |" if a is not None else f"| {name} | |", f"{b:.2f} s |" if b is not None else " |", ratio, "|")
wall = min(walls), statistics.median(walls)
line = f"| **whole process** | **{wall[0]:.1f} s** (min of {len(walls)}; median {wall[1]:.1f} s), {rss / 1e6:.2f} GB peak RSS |"
if os.path.exists(os.path.join(d, "scanpy.time")):
    sw, sr = open(os.path.join(d, "scanpy.time")).read().split()
    line += f" {float(sw):.1f} s, {int(sr) / 1e6:.2f} GB | {float(sw) / wall[0]:.1f}x faster, {int(sr) / rss:.1f}x less memory |"
print(line)
PY
