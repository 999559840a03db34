#!/usr/bin/env bash
# The neighbour search alone: NN-descent on the 50-component PCA of the 100k x 20k simulated section
# (seed 1, as bench/pipeline-benchmark.sh), three runs on 2 threads, with recall@15 against the exact
# neighbours of 2,000 evenly spaced cells. When the pipeline benchmark has left scanpy's result
# (scanpy_out.h5ad), the same recall is measured for scanpy's pynndescent graph on its own PCA.
# Usage: bench/neighbors-benchmark.sh [DIR] (default /tmp/myelin-bench).
set -euo pipefail
dir="${1:-/tmp/myelin-bench}"
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
mkdir -p "$dir"
[ -f "$dir/counts.h5ad" ] || MYELIN_JAVA_OPTS=-Xmx4g "$root/myelin" simulate --cells 100000 --genes 20000 --seed 1 \
  -o "$dir/counts.h5ad" --quiet
[ -f "$dir/pca100k.h5ad" ] || "$root/myelin" run "$dir/counts.h5ad" -o "$dir/pca100k.h5ad" \
  --steps qc,normalize,hvg,pca --compression none --threads 2 --quiet
"$java_bin" "${jvm_flags[@]}" -Xmx8g -cp "$root/bench/target/myelin-bench.jar" org.myelin.bench.NeighborsBenchmark \
  "$dir/pca100k.h5ad" 15 2 2> >(grep -v incubator >&2)
peers="$root/../shared/peers"
if [ -f "$dir/scanpy_out.h5ad" ] && [ -f "$peers/env.sh" ]; then
  # shellcheck source=/dev/null
  . "$peers/env.sh"
  /usr/bin/python3 - "$dir/scanpy_out.h5ad" <<'PY'
import sys
import anndata, numpy as np
a = anndata.read_h5ad(sys.argv[1], backed="r")
x = np.asarray(a.obsm["X_pca"], dtype=np.float64)
graph = a.obsp["distances"][:].tocsr()
n, k, queries = x.shape[0], 15, 2000
hit = 0
for s in range(queries):
    q = s * n // queries
    true = set(np.argpartition(((x - x[q]) ** 2).sum(1), k)[:k])
    found = set(graph.indices[graph.indptr[q]:graph.indptr[q + 1]]) | {q}
    hit += len(true & found)
print(f"scanpy pynndescent\trecall@{k} {hit / (queries * k):.4f}")
PY
fi
