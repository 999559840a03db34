/** HDF5 helpers over jhdf shared by the h5ad and 10x readers and writers. */
package org.myelin.io.hdf;
