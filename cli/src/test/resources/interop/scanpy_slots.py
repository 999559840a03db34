"""Reads myelin's h5ad files with anndata as scanpy 1.9 users do: rank_genes_groups, Visium images."""
import sys

import anndata
import numpy as np
import pandas as pd

a = anndata.read_h5ad(sys.argv[1])
r = a.uns["rank_genes_groups"]
groups = list(r["names"].dtype.names)
assert groups == sorted(groups, key=int), groups
# scanpy 1.9 writes names as strings, scores and log fold changes as float32, p-values as float64.
expected = {"names": "U", "scores": "float32", "logfoldchanges": "float32", "pvals": "float64",
            "pvals_adj": "float64"}
for field, kind in expected.items():
    arr = r[field]
    assert list(arr.dtype.names) == groups, (field, arr.dtype.names)
    for g in groups:
        dt = arr.dtype[g]
        assert (dt.kind == "U") if kind == "U" else (dt == np.dtype(kind)), (field, g, dt)
params = r["params"]
for key in ("groupby", "reference", "method", "use_raw", "corr_method"):
    assert key in params, key
# sc.get.rank_genes_groups_df(adata, group): one frame of the group's fields.
df = pd.DataFrame({k: r[k][groups[0]] for k in expected})
assert len(df) > 0 and df["names"].map(type).eq(str).all()
print("ok", len(groups), "groups", len(df), "genes", df.iloc[0]["names"])
if len(sys.argv) > 2:
    # A Visium folder read by myelin: scanpy's read_visium layout of uns['spatial'].
    v = anndata.read_h5ad(sys.argv[2])
    (library, entry), = v.uns["spatial"].items()
    image = entry["images"]["lowres"]
    assert image.dtype == np.float32 and image.ndim == 3 and image.shape[2] == 3, image.shape
    assert 0 <= image.min() and image.max() <= 1
    for key in ("tissue_lowres_scalef", "spot_diameter_fullres"):
        assert key in entry["scalefactors"], key
    assert library == "Placenta_S3", library
    assert entry["metadata"]["software_version"] == "spaceranger-3.0.0", entry["metadata"]
    print("ok visium", library, image.shape)
