/**
 * File formats in and out. {@link org.myelin.io.CellDataIO} picks a reader or writer from the path;
 * every failure caused by a file is a {@link org.myelin.io.MyelinFileException} naming the file
 * and the HDF5 path or line.
 */
package org.myelin.io;
