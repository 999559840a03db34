#!/usr/bin/env bash
# Pseudobulk DE of a cohort: myelin pseudobulk on the 400,000-cell cohort of bench/cohort.sh
# (20 patients, 20,000 genes, simulated cell types), myelin de with ~ batch + response on every
# cell type, and R's DESeq2 1.38 on the CD8 T cells' pseudobulk (the same counts) for comparison.
# Prints seconds and peak RSS side by side. Needs bench/cohort.sh's DIR (it simulates the cohort).
# Usage: bench/pseudobulk-de.sh [DIR] (default /tmp/myelin-cohort).
set -euo pipefail
dir="${1:-/tmp/myelin-cohort}"
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
[ -f "$dir/cohort.h5ad" ] || { echo "run bench/cohort.sh $dir first" >&2; exit 2; }
"$root/myelin" --version > /dev/null
/usr/bin/time -f '%e %M' -o "$dir/pb.time" "$root/myelin" --memory 8g pseudobulk "$dir/cohort.h5ad" \
  -o "$dir/pb.h5ad" --threads 2 --force --quiet
/usr/bin/time -f '%e %M' -o "$dir/de.time" "$root/myelin" --memory 4g de "$dir/pb.h5ad" \
  --design '~ batch + response' --contrast response,NR,R -o "$dir/de.tsv" --threads 2 --force 2> "$dir/de.log"
/usr/bin/time -f '%e %M' -o "$dir/de_cd8.time" "$root/myelin" --memory 4g de "$dir/pb.h5ad" \
  --design '~ batch + response' --contrast response,NR,R --groups cd8_t -o "$dir/de_cd8.tsv" --threads 1 --force \
  --quiet
"$root/myelin" subset "$dir/pb.h5ad" -o "$dir/pb_cd8.h5ad" --where cell_type=cd8_t --force --quiet
"$root/myelin" convert "$dir/pb_cd8.h5ad" "$dir/pb_cd8.csv" --obs-table "$dir/pb_cd8_obs.tsv" --force --quiet
cat > "$dir/deseq2_bench.R" <<'R'
args <- commandArgs(trailingOnly = TRUE)
suppressMessages(library(DESeq2))
x <- as.matrix(read.csv(args[1], row.names = 1, check.names = FALSE))
obs <- read.delim(args[2], row.names = 1, colClasses = "character")
obs$batch <- factor(obs$batch); obs$response <- factor(obs$response)
t <- system.time({
  dds <- DESeqDataSetFromMatrix(round(t(x)), obs[rownames(x), c("batch", "response")], ~ batch + response)
  dds <- DESeq(dds, quiet = TRUE)
  res <- results(dds, contrast = c("response", "NR", "R"))
})
cat(sprintf("%.1f %d\n", t[["elapsed"]], sum(res$padj < 0.05, na.rm = TRUE)))
R
/usr/bin/time -f '%e %M' -o "$dir/r.time" Rscript "$dir/deseq2_bench.R" "$dir/pb_cd8.csv" "$dir/pb_cd8_obs.tsv" \
  > "$dir/r.out"
python3 - "$dir" <<'PY'
import sys, os
d = sys.argv[1]
def t(name):
    w, r = open(os.path.join(d, name + ".time")).read().split()
    return float(w), int(r) / 1e6
rows = sum(1 for _ in open(os.path.join(d, "de.tsv"))) - 1
sig = sum(1 for l in open(os.path.join(d, "de_cd8.tsv")) if l.split("\t")[8] not in ("", "padj") and float(l.split("\t")[8]) < 0.05)
r_fit, r_sig = open(os.path.join(d, "r.out")).read().split()
print("| job | myelin | R DESeq2 1.38 |\n| --- | --- | --- |")
w, r = t("pb"); print(f"| pseudobulk of 400,000 cells (20 samples x cell types) | {w:.1f} s, {r:.2f} GB | |")
w, r = t("de"); print(f"| DE of every cell type ({rows:,} rows) | {w:.1f} s, {r:.2f} GB | |")
w, r = t("de_cd8"); rw, rr = t("r")
print(f"| DE of CD8 T cells (20 samples, 20,000 genes), whole command | {w:.1f} s, {r:.2f} GB | {rw:.1f} s, {rr:.2f} GB (DESeq() and results(): {float(r_fit):.1f} s) |")
print(f"| genes at FDR 0.05 (CD8 T) | {sig} | {r_sig} |")
PY
