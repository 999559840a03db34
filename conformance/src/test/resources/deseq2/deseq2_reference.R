# DESeq2 with its defaults on counts written by myelin's test: DESeq(), then results() for one
# contrast. Factor levels are sorted as myelin sorts them (by code point, "radix").
# Arguments: counts.csv (genes x samples) coldata.csv design factor numerator denominator out.csv sf.csv
args <- commandArgs(trailingOnly = TRUE)
suppressMessages(library(DESeq2))
counts <- as.matrix(read.csv(args[1], row.names = 1, check.names = FALSE))
coldata <- read.csv(args[2], row.names = 1, colClasses = "character", check.names = FALSE)
for (v in colnames(coldata)) {
  coldata[[v]] <- factor(coldata[[v]], levels = sort(unique(coldata[[v]]), method = "radix"))
}
dds <- DESeqDataSetFromMatrix(counts, coldata, as.formula(args[3]))
dds <- DESeq(dds, quiet = TRUE)
res <- results(dds, contrast = c(args[4], args[5], args[6]))
mc <- mcols(dds)
replace <- if (is.null(mc$replace)) rep(FALSE, nrow(dds)) else mc$replace
out <- data.frame(gene = rownames(dds), baseMean = res$baseMean, log2FoldChange = res$log2FoldChange,
                  lfcSE = res$lfcSE, stat = res$stat, pvalue = res$pvalue, padj = res$padj,
                  dispGeneEst = mc$dispGeneEst, dispFit = mc$dispFit, dispMAP = mc$dispMAP,
                  dispersion = mc$dispersion, maxCooks = mc$maxCooks, replace = replace)
write.csv(format(out, digits = 17), args[7], row.names = FALSE, quote = FALSE)
write.csv(data.frame(sample = colnames(dds), sizeFactor = format(sizeFactors(dds), digits = 17)),
          args[8], row.names = FALSE, quote = FALSE)
cat("filterThreshold", format(metadata(res)$filterThreshold, digits = 17), "\n")
cat("dispPriorVar", format(attr(dispersionFunction(dds), "dispPriorVar"), digits = 17), "\n")
