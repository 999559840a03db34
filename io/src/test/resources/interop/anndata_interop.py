"""anndata's side of myelin's h5ad interop test.

  dump IN.h5ad OUT.json   read IN with anndata and write every field as JSON
  make OUT.h5ad OUT.json  write an AnnData holding every kind of field, and its JSON dump

The Java test compares the JSON with what myelin wrote or read.
"""
import json
import sys

import anndata
import numpy as np
import pandas as pd
import scipy.sparse as sp


def plain(v):
    if isinstance(v, pd.DataFrame):
        return {"__frame__": frame(v)}
    if sp.issparse(v):
        return {"__sparse__": v.toarray().tolist()}
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    if isinstance(v, np.ndarray):
        if v.dtype.kind in "OSU":
            return [str(x) for x in v.tolist()]
        return v.tolist()
    if isinstance(v, (np.bool_,)):
        return bool(v)
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, np.floating):
        return float(v)
    if isinstance(v, bytes):
        return v.decode()
    return v


def column(s):
    if isinstance(s.dtype, pd.CategoricalDtype):
        return {"dtype": "category", "categories": [str(c) for c in s.cat.categories],
                "ordered": bool(s.cat.ordered), "codes": s.cat.codes.tolist()}
    if s.dtype.name in ("Int64", "Int32", "boolean"):
        return {"dtype": s.dtype.name, "values": [None if pd.isna(x) else (bool(x) if s.dtype.name == "boolean" else int(x)) for x in s]}
    if s.dtype.kind == "b":
        return {"dtype": "bool", "values": [bool(x) for x in s]}
    if s.dtype.kind in "iu":
        return {"dtype": "int", "values": [int(x) for x in s]}
    if s.dtype.kind == "f":
        return {"dtype": "float", "values": [None if np.isnan(x) else float(x) for x in s]}
    return {"dtype": "string", "values": [str(x) for x in s]}


def frame(df):
    return {"index": [str(x) for x in df.index], "columns": {c: column(df[c]) for c in df.columns}}


def dump(a):
    x = a.X.toarray() if sp.issparse(a.X) else np.asarray(a.X)
    return {
        "shape": list(a.shape),
        "X": x.tolist(),
        "X_sparse": bool(sp.issparse(a.X)),
        "layers": {k: plain(v) for k, v in a.layers.items()},
        "obs": frame(a.obs),
        "var": frame(a.var),
        "obsm": {k: plain(v) for k, v in a.obsm.items()},
        "varm": {k: plain(v) for k, v in a.varm.items()},
        "obsp": {k: plain(v) for k, v in a.obsp.items()},
        "uns": plain(dict(a.uns)),
        "raw": None if a.raw is None else {"X": plain(a.raw.X), "var": frame(a.raw.var)},
    }


def make():
    rng = np.random.default_rng(0)
    n, g = 30, 12
    counts = sp.random(n, g, density=0.3, random_state=1, format="csr", dtype=np.float32)
    counts.data = np.floor(counts.data * 20) + 1
    x = counts.copy()
    x.data = np.log1p(x.data).astype(np.float32)
    obs = pd.DataFrame(index=[f"cell{i}-1" for i in range(n)])
    obs["cell_type"] = pd.Categorical(rng.choice(["T", "B", "Schwann"], n), categories=["Schwann", "T", "B"])
    obs["grade"] = pd.Categorical(rng.choice(["low", "high"], n), categories=["low", "high"], ordered=True)
    obs["total"] = np.asarray(counts.sum(axis=1)).ravel().astype(np.float64)
    obs["n_genes"] = np.asarray((counts > 0).sum(axis=1)).ravel().astype(np.int64)
    obs["injured"] = rng.random(n) > 0.5
    obs["note"] = [f"note {i}" for i in range(n)]
    obs["maybe_int"] = pd.array([None if i % 7 == 0 else i for i in range(n)], dtype="Int64")
    obs["maybe_bool"] = pd.array([None if i % 5 == 0 else i % 2 == 0 for i in range(n)], dtype="boolean")
    var = pd.DataFrame(index=[f"GENE{j}" for j in range(g)])
    var["highly_variable"] = np.arange(g) % 3 == 0
    var["means"] = rng.random(g)
    a = anndata.AnnData(X=x, obs=obs, var=var)
    a.layers["counts"] = counts
    a.obsm["X_pca"] = rng.standard_normal((n, 4)).astype(np.float32)
    a.obsm["spatial"] = rng.random((n, 2)) * 1000
    a.varm["PCs"] = rng.standard_normal((g, 4))
    a.obsp["connectivities"] = sp.random(n, n, density=0.1, random_state=2, format="csr")
    a.uns["method"] = "myelin-interop"
    a.uns["params"] = {"n_neighbors": 15, "resolution": 1.0, "use_raw": False, "names": np.array(["a", "b"])}
    a.uns["variance_ratio"] = rng.random(4)
    a.raw = a
    return a


if __name__ == "__main__":
    mode, h5ad, out = sys.argv[1:4]
    if mode == "make":
        adata = make()
        adata.write_h5ad(h5ad, compression="gzip")
    adata = anndata.read_h5ad(h5ad)
    with open(out, "w") as f:
        json.dump(dump(adata), f)
