package org.myelin.core.data;

import java.util.LinkedHashMap;
import java.util.Map;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.matrix.DenseMatrix;
import org.myelin.core.table.Frame;

/**
 * AnnData's {@code .raw}: a frozen matrix with the same cells and its own genes (often all genes,
 * before HVG selection), with their var frame and varm.
 */
public record Raw(CsrMatrix x, Frame var, Map<String, DenseMatrix> varm) {

  public Raw {
    if (x.nCols() != var.nRows()) {
      throw new IllegalArgumentException(
          "raw.X has " + x.nCols() + " columns but raw.var has " + var.nRows() + " rows");
    }
    varm = new LinkedHashMap<>(varm);
  }
}
