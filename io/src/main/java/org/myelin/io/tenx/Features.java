package org.myelin.io.tenx;

import java.util.Arrays;
import org.myelin.core.data.Keys;
import org.myelin.core.data.Names;
import org.myelin.core.table.CategoricalColumn;
import org.myelin.core.table.Frame;
import org.myelin.core.table.StringColumn;

/**
 * A 10x feature list (HDF5 {@code features/} or {@code features.tsv}): ids, names and optional
 * types and genomes, with the Gene Expression selection and the var frame scanpy builds from it.
 */
record Features(String[] ids, String[] names, String[] types, String[] genomes) {

  /** The features of the kept type (Gene Expression), or this when nothing would be dropped. */
  Features geneExpressionOnly() {
    if (types == null) {
      return this;
    }
    int[] keep = geneExpressionColumns();
    if (keep == null || keep.length == types.length) {
      return this;
    }
    return new Features(select(ids, keep), select(names, keep), select(types, keep),
        genomes == null ? null : select(genomes, keep));
  }

  /** Columns whose type is Gene Expression, or null when there is no type column. */
  int[] geneExpressionColumns() {
    if (types == null) {
      return null;
    }
    int[] keep = new int[types.length];
    int n = 0;
    for (int j = 0; j < types.length; j++) {
      if (TenxH5Reader.GENE_EXPRESSION.equals(types[j])) {
        keep[n++] = j;
      }
    }
    return Arrays.copyOf(keep, n);
  }

  /** var as scanpy's read_10x_* builds it: symbols (made unique) or ids as the index. */
  Frame varFrame(boolean geneIds) {
    Frame var = new Frame(Names.makeUnique(geneIds ? ids : names));
    var.put(Keys.VAR_GENE_IDS, new StringColumn(geneIds ? names : ids));
    if (types != null) {
      var.put(Keys.VAR_FEATURE_TYPES, CategoricalColumn.fromValues(types));
    }
    if (genomes != null) {
      var.put(Keys.VAR_GENOME, CategoricalColumn.fromValues(genomes));
    }
    return var;
  }

  static String[] select(String[] values, int[] keep) {
    String[] out = new String[keep.length];
    for (int i = 0; i < keep.length; i++) {
      out[i] = values[keep[i]];
    }
    return out;
  }
}
