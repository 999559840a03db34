/**
 * Statistics the analyses share: LOESS as netlib's dloess runs it for scanpy's seurat_v3 flavour,
 * Pearson's correlation, sorted-array searches and orders, and the distributions behind p-values.
 */
package org.myelin.core.stats;
