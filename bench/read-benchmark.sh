#!/usr/bin/env bash
# Read throughput of h5ad and 10x HDF5 on a 100k-cell section myelin simulates and writes itself, against anndata's
# read_h5ad on the same file. Prints one TSV line per measurement; each runs in a fresh process
# so its peak RSS is the read's own. Usage: bench/read-benchmark.sh [DIR] (default /tmp/myelin-bench).
set -euo pipefail
dir="${1:-/tmp/myelin-bench}"
mkdir -p "$dir"
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
java=("$java_bin" "${jvm_flags[@]}" -cp "$root/bench/target/myelin-bench.jar")
# The simulator makes the benchmark data (default parameters: about 1.85e8 non-zeros); the write
# time it prints is myelin's write throughput.
[ -f "$dir/counts.h5ad" ] || MYELIN_JAVA_OPTS=-Xmx4g "$root/myelin" simulate --cells 100000 --genes 20000 --seed 1 -o "$dir/counts.h5ad"
[ -f "$dir/counts.h5" ] || MYELIN_JAVA_OPTS=-Xmx8g "$root/myelin" simulate --cells 100000 --genes 20000 --seed 1 -o "$dir/counts.h5"
ls -l "$dir"/counts.h5ad "$dir"/counts.h5 >&2
printf 'file\tmode\tthreads\tn_obs\tn_vars\tnnz\tseconds\tnnz_per_s\tx_bytes\tpeak_rss\n'
for f in counts.h5ad counts.h5; do
  for t in 1 2; do
    "${java[@]}" org.myelin.bench.ReadBenchmark "$dir/$f" $t
  done
done
"${java[@]}" org.myelin.bench.ReadBenchmark "$dir/counts.h5ad" 1 stream
# anndata's read_h5ad on the same file (Debian's python3-anndata).
/usr/bin/python3 - "$dir/counts.h5ad" <<'PY'
import resource, sys, time
import anndata
t = time.time()
a = anndata.read_h5ad(sys.argv[1])
s = time.time() - t
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
x = a.X.data.nbytes + a.X.indices.nbytes + a.X.indptr.nbytes
print(f"counts.h5ad\tanndata.read_h5ad\t1\t{a.n_obs}\t{a.n_vars}\t{a.X.nnz}\t{s:.2f}\t{a.X.nnz / s:.3g}\t{x}\t{rss}")
PY
