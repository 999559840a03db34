/** Doublets: Scrublet's simulated doublets and nearest-neighbour doublet scores. */
package org.myelin.core.doublet;
