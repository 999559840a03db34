/**
 * Figures and the HTML report: every plot reads the slots myelin (or scanpy and squidpy) writes in a
 * {@link org.myelin.core.data.CellData}; JFreeChart draws axes, legends and standard charts, JFreeSVG
 * and JFreePDF the vector files, and {@link org.myelin.plot.PointLayer} rasterises large scatters.
 */
package org.myelin.plot;
