package org.myelin.plot;

import java.util.List;

/**
 * What a plot shows beyond its kind.
 *
 * @param color obs columns, genes or scores to colour by (one panel each); empty for the default
 * @param groupby categorical obs column of the groups (markers, violins, spatial statistics); null
 *     for leiden, or cell_type when there is no leiden
 * @param nGenes marker genes per group in dot plots and heat maps
 * @param columns panels per row
 * @param panelWidth width of one panel in points (1/72 inch)
 * @param panelHeight height of one panel in points
 */
public record PlotOptions(List<String> color, String groupby, int nGenes, int columns, int panelWidth,
    int panelHeight) {

  public PlotOptions {
    color = List.copyOf(color);
    if (nGenes < 1) {
      throw new IllegalArgumentException("Invalid number of genes per group: " + nGenes + " (at least 1)");
    }
    if (columns < 1) {
      throw new IllegalArgumentException("Invalid number of columns: " + columns + " (at least 1)");
    }
    if (panelWidth < 100 || panelHeight < 100 || panelWidth > 5000 || panelHeight > 5000) {
      throw new IllegalArgumentException("Invalid panel size: " + panelWidth + " x " + panelHeight
          + " points (100 to 5000 each)");
    }
  }

  /** Default colouring, leiden groups, three genes per group, three panels per row, 360 x 300 point panels. */
  public static PlotOptions defaults() {
    return new PlotOptions(List.of(), null, 3, 3, 360, 300);
  }

  public PlotOptions withColor(List<String> keys) {
    return new PlotOptions(keys, groupby, nGenes, columns, panelWidth, panelHeight);
  }
}
