/** Gene-set scoring; for now the gene set itself. */
package org.myelin.core.score;
