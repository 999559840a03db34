/** Low-dimensional layouts of cell graphs for figures: UMAP. */
package org.myelin.core.embed;
