/**
 * The h5ad format as anndata writes it (anndata's on-disk specification): reading every encoding
 * from the pre-0.7 compound layout to the current one, backed streaming of X, and writing.
 */
package org.myelin.io.h5ad;
