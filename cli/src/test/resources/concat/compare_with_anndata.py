"""Checks myelin's concat against anndata's on the same inputs, field by field.

usage: compare_with_anndata.py OURS.h5ad JOIN LABEL INDEX_UNIQUE INPUT.h5ad:KEY ...
anndata.concat runs on the inputs, its result is written and read back (as a user holds it), and
every field of ours is compared with it; each difference is printed and the exit code is 1.
"""
import sys
import tempfile

import anndata as ad
import numpy as np
import pandas as pd
import scipy.sparse as sp

ours_path, join, label, index_unique = sys.argv[1:5]
pairs = [a.rsplit(":", 1) for a in sys.argv[5:]]
inputs = {key: ad.read_h5ad(path) for path, key in pairs}
theirs = ad.concat(inputs, join=join, label=label, index_unique=index_unique)
with tempfile.TemporaryDirectory() as tmp:
    theirs.write_h5ad(tmp + "/theirs.h5ad")
    theirs = ad.read_h5ad(tmp + "/theirs.h5ad")
ours = ad.read_h5ad(ours_path)
problems = []

def check(ok, what):
    if not ok:
        problems.append(what)

check(list(ours.obs_names) == list(theirs.obs_names), "obs names")
check(list(ours.var_names) == list(theirs.var_names), "var names")
check(list(ours.obs.columns) == list(theirs.obs.columns),
      "obs columns %s vs %s" % (list(ours.obs.columns), list(theirs.obs.columns)))
for c in theirs.obs.columns:
    if c not in ours.obs.columns:
        continue
    a, b = ours.obs[c], theirs.obs[c]
    check(str(a.dtype) == str(b.dtype) or (a.dtype.kind == b.dtype.kind == "O"),
          "obs[%s] dtype %s vs %s" % (c, a.dtype, b.dtype))
    if hasattr(b, "cat"):
        check(list(a.cat.categories) == list(b.cat.categories), "obs[%s] categories" % c)
    same = (a.astype(object).where(a.notna(), None).tolist() == b.astype(object).where(b.notna(), None).tolist())
    check(same, "obs[%s] values" % c)
check(list(ours.var.columns) == list(theirs.var.columns), "var columns")
def dense(m):
    return m.toarray() if sp.issparse(m) else np.asarray(m)
check(ours.X.dtype == theirs.X.dtype, "X dtype %s vs %s" % (ours.X.dtype, theirs.X.dtype))
check(np.array_equal(dense(ours.X), dense(theirs.X)), "X values")
check(sorted(ours.layers.keys()) == sorted(theirs.layers.keys()), "layers %s vs %s"
      % (list(ours.layers.keys()), list(theirs.layers.keys())))
for k in theirs.layers.keys():
    if k in ours.layers:
        check(np.array_equal(dense(ours.layers[k]), dense(theirs.layers[k])), "layers[%s] values" % k)
check(sorted(ours.obsm.keys()) == sorted(theirs.obsm.keys()), "obsm %s vs %s"
      % (list(ours.obsm.keys()), list(theirs.obsm.keys())))
for k in theirs.obsm.keys():
    if k in ours.obsm:
        check(np.array_equal(np.asarray(ours.obsm[k]), np.asarray(theirs.obsm[k]), equal_nan=True),
              "obsm[%s] values" % k)
for p in problems:
    print("differs:", p)
print("compared %d cells x %d genes, %d obs columns: %d difference(s)"
      % (ours.n_obs, ours.n_vars, len(theirs.obs.columns), len(problems)))
sys.exit(1 if problems else 0)
