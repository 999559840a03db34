/** Gene-set scoring: scanpy's, Seurat's, UCell's and AUCell's scores, and their per-group summaries. */
package org.myelin.core.score;
