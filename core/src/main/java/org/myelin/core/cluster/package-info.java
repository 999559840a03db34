/** Community detection on cell graphs: Leiden and Louvain, and the modularity they optimise. */
package org.myelin.core.cluster;
