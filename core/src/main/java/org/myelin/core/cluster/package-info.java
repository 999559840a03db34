/** Clustering: Leiden and Louvain on cell graphs with the modularity they optimise, and k-means on embeddings. */
package org.myelin.core.cluster;
