"""scanpy's QC-through-PCA on the benchmark file, step by step, with the parameters myelin's
PreprocessBenchmark uses (those of ../shared/ref/scripts/scanpy_ref.py): one TSV line per step and a
last line with the total and the peak RSS. Usage: python3 bench/scanpy_preprocess.py FILE.h5ad"""
import resource
import sys
import time

import scanpy as sc

t = time.time()
adata = sc.read_h5ad(sys.argv[1])


def step(name, since):
    now = time.time()
    print(f"{name}\t{now - since:.2f}", flush=True)
    return now


t = step("read", t)
chain = t
adata.var["mt"] = adata.var_names.str.upper().str.startswith("MT-")
sc.pp.calculate_qc_metrics(adata, qc_vars=["mt"], percent_top=None, log1p=False, inplace=True)
t = step("calculate_qc_metrics", t)
sc.pp.filter_cells(adata, min_genes=200)
sc.pp.filter_genes(adata, min_cells=3)
t = step("filter_cells+filter_genes", t)
adata.layers["counts"] = adata.X.copy()
sc.pp.normalize_total(adata, target_sum=1e4)
sc.pp.log1p(adata)
t = step("normalize_total+log1p", t)
sc.pp.highly_variable_genes(adata, flavor="seurat", n_top_genes=2000)
t = step("highly_variable_genes[seurat]", t)
adata = adata[:, adata.var["highly_variable"].values].copy()
sc.pp.scale(adata, max_value=10)
sc.tl.pca(adata, n_comps=50, svd_solver="arpack", random_state=0)
step("scale+pca", t)
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(f"total_qc_to_pca\t{time.time() - chain:.2f}\tpeak_rss={rss}")
