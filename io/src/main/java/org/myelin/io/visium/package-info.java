/** Visium / Space Ranger output folders: the matrix, spot positions and scale factors. */
package org.myelin.io.visium;
