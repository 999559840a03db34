/**
 * The AnnData-shaped container {@link org.myelin.core.data.CellData} and the slot names
 * ({@link org.myelin.core.data.Keys}) that scanpy and squidpy use.
 */
package org.myelin.core.data;
