"""Runs harmonypy (Debian's python3-harmonypy) on an embedding and writes what Harmony made.

usage: run_harmonypy.py EMBEDDING.csv BATCHES.txt SEED OUT_DIR
EMBEDDING.csv: one cell per line, comma-separated coordinates; BATCHES.txt: one batch per line.
Writes corrected.csv (cells x coordinates, 17 significant digits) and rounds.txt.
"""
import logging
import sys

import numpy as np
import pandas as pd
import harmonypy

embedding, batches, seed, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
logging.getLogger("harmonypy").setLevel(logging.WARNING)
x = np.loadtxt(embedding, delimiter=",", dtype=np.float64)
with open(batches) as f:
    meta = pd.DataFrame({"batch": [line.strip() for line in f]})
ho = harmonypy.run_harmony(x, meta, "batch", random_state=seed, verbose=False)
np.savetxt(out + "/corrected.csv", ho.Z_corr.T, delimiter=",", fmt="%.17g")
with open(out + "/rounds.txt", "w") as f:
    f.write("%d\n" % (len(ho.objective_harmony) - 1))
