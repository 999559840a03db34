/**
 * 10x Genomics matrices: Cell Ranger HDF5 (v2 per-genome groups, v3 {@code /matrix} with feature
 * types), Xenium {@code cell_feature_matrix.h5}, and Matrix Market folders (v2 and v3).
 */
package org.myelin.io.tenx;
