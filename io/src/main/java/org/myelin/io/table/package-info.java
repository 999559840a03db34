/**
 * Tables: delimited text (CSV/TSV, gzip or plain) and Arrow IPC in, TSV and Arrow IPC (Feather v2)
 * out; cell tables with coordinates joined to a matrix; dense text matrices.
 */
package org.myelin.io.table;
