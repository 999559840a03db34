/**
 * Matrices: sparse CSR held in row blocks ({@link org.myelin.core.matrix.CsrMatrix}), the block
 * encodings behind it, and dense float/double matrices for embeddings and coordinates.
 */
package org.myelin.core.matrix;
