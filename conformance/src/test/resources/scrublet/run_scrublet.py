"""Runs scrublet 0.2.2 (../shared/peers/pylib) with exact neighbours and writes what it found.

usage: run_scrublet.py MATRIX SEED OUT_DIR
MATRIX: a 10x matrix.mtx (genes as rows, cells as columns) or an h5ad with counts in X. Writes scores_obs.txt, scores_sim.txt
(17 significant digits), genes.txt (the embedding's gene indices), parents.txt and threshold.txt.
"""
import sys

import numpy as np
import scipy.io
import scipy.sparse
import scrublet

matrix, seed, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
if matrix.endswith(".h5ad"):
    import anndata
    counts = scipy.sparse.csc_matrix(anndata.read_h5ad(matrix).X.astype(np.float64))
else:
    counts = scipy.sparse.csc_matrix(scipy.io.mmread(matrix).T.astype(np.float64))
scr = scrublet.Scrublet(counts, random_state=seed)
scr.scrub_doublets(use_approx_neighbors=False, verbose=False)
np.savetxt(out + "/scores_obs.txt", scr.doublet_scores_obs_, fmt="%.17g")
np.savetxt(out + "/scores_sim.txt", scr.doublet_scores_sim_, fmt="%.17g")
np.savetxt(out + "/genes.txt", scr._gene_filter, fmt="%d")
np.savetxt(out + "/parents.txt", scr.doublet_parents_, fmt="%d")
with open(out + "/threshold.txt", "w") as f:
    f.write("%.17g\n" % scr.threshold_)
