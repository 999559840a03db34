#!/usr/bin/env bash
# QC through PCA on a 100k-cell x 20k-gene section myelin simulates itself (about 1.85e8
# non-zeros), each step timed, on 1 and 2 threads, under -Xmx5g (X and its counts layer take 2 x 1.48 GB).
# Then scanpy 1.9.6 from ../shared/peers on the same file with the same parameters
# (bench/scanpy_preprocess.py). Usage: bench/preprocess-benchmark.sh [DIR] (default /tmp/myelin-bench).
set -euo pipefail
dir="${1:-/tmp/myelin-bench}"
mkdir -p "$dir"
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
java=("$java_bin" "${jvm_flags[@]}" -Xmx5g -cp "$root/bench/target/myelin-bench.jar")
[ -f "$dir/counts.h5ad" ] || MYELIN_JAVA_OPTS=-Xmx4g "$root/myelin" simulate --cells 100000 --genes 20000 --seed 1 -o "$dir/counts.h5ad"
for t in 2 1; do
  echo "== myelin, $t thread(s) =="
  "${java[@]}" org.myelin.bench.PreprocessBenchmark "$dir/counts.h5ad" "$t" 2> >(grep -v incubator >&2)
done
echo "== myelin, seurat_v3 flavour, 2 threads =="
"${java[@]}" org.myelin.bench.PreprocessBenchmark "$dir/counts.h5ad" 2 seurat_v3 2> >(grep -v incubator >&2)
echo "== scanpy =="
peers="$root/../shared/peers"
if [ -f "$peers/env.sh" ]; then
  # shellcheck source=/dev/null
  . "$peers/env.sh" # scanpy 1.9.6 from ../shared/peers (../shared/peers/setup.sh installs what it needs)
fi
if /usr/bin/python3 -c 'import scanpy' 2>/dev/null; then
  /usr/bin/python3 "$root/bench/scanpy_preprocess.py" "$dir/counts.h5ad"
else
  echo "scanpy is not importable: run ../shared/peers/setup.sh first"
fi
echo "== myelin on the reference datasets beside scanpy's own timings (../shared/ref/*/scanpy/timings.csv) =="
"${java[@]}" org.myelin.bench.ReferenceTimings "$root/../shared" 2 2> >(grep -v incubator >&2)
