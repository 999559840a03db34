/** Gene Matrix Transposed (GMT) gene-set files, as MSigDB distributes them. */
package org.myelin.io.gmt;
