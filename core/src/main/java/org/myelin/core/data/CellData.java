package org.myelin.core.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.matrix.DenseMatrix;
import org.myelin.core.table.Frame;

/**
 * Cells by genes with everything an analysis attaches, shaped like AnnData (Virshup et al.,
 * bioRxiv 2021): X, layers, obs, var, obsm, varm, obsp, uns and raw. Every slot is checked against
 * the shape on the way in, and a mismatch names the slot and both shapes.
 */
public final class CellData {

  private CsrMatrix x;
  private Frame obs;
  private Frame var;
  private final Map<String, CsrMatrix> layers = new LinkedHashMap<>();
  private final Map<String, DenseMatrix> obsm = new LinkedHashMap<>();
  private final Map<String, DenseMatrix> varm = new LinkedHashMap<>();
  private final Map<String, CsrMatrix> obsp = new LinkedHashMap<>();
  private final Map<String, Object> uns = new LinkedHashMap<>();
  private Raw raw;

  /**
   * @throws IllegalArgumentException when X's shape disagrees with obs or var, or a name repeats
   */
  public CellData(CsrMatrix x, Frame obs, Frame var) {
    this.x = Objects.requireNonNull(x, "X");
    this.obs = Objects.requireNonNull(obs, "obs");
    this.var = Objects.requireNonNull(var, "var");
    if (x.nRows() != obs.nRows() || x.nCols() != var.nRows()) {
      throw new IllegalArgumentException(
          "X has shape " + shape(x.nRows(), x.nCols()) + " but obs has " + obs.nRows()
              + " rows and var " + var.nRows());
    }
    String dup = Names.firstDuplicate(obs.index());
    if (dup != null) {
      throw new IllegalArgumentException("obs names are not unique: '" + dup + "' repeats");
    }
    dup = Names.firstDuplicate(var.index());
    if (dup != null) {
      throw new IllegalArgumentException("var names are not unique: '" + dup + "' repeats");
    }
  }

  private static String shape(long rows, long cols) {
    return "(" + rows + ", " + cols + ")";
  }

  public int nObs() {
    return x.nRows();
  }

  public int nVars() {
    return x.nCols();
  }

  public CsrMatrix x() {
    return x;
  }

  /** Replaces X by a matrix of the same shape. */
  public void setX(CsrMatrix newX) {
    checkShape("X", newX.nRows(), newX.nCols(), nObs(), nVars());
    this.x = newX;
  }

  public Frame obs() {
    return obs;
  }

  public Frame var() {
    return var;
  }

  /** Replaces obs by a frame with the same number of rows and unique names. */
  public void setObs(Frame frame) {
    checkShape("obs", frame.nRows(), 1, nObs(), 1);
    String dup = Names.firstDuplicate(frame.index());
    if (dup != null) {
      throw new IllegalArgumentException("obs names are not unique: '" + dup + "' repeats");
    }
    this.obs = frame;
  }

  /** Replaces var by a frame with the same number of rows and unique names. */
  public void setVar(Frame frame) {
    checkShape("var", frame.nRows(), 1, nVars(), 1);
    String dup = Names.firstDuplicate(frame.index());
    if (dup != null) {
      throw new IllegalArgumentException("var names are not unique: '" + dup + "' repeats");
    }
    this.var = frame;
  }

  public Map<String, CsrMatrix> layers() {
    return Collections.unmodifiableMap(layers);
  }

  /** Drops a layer; returns it, or null when there was none. */
  public CsrMatrix removeLayer(String key) {
    return layers.remove(key);
  }

  public void putLayer(String key, CsrMatrix m) {
    checkShape("layers['" + key + "']", m.nRows(), m.nCols(), nObs(), nVars());
    layers.put(key, m);
  }

  public Map<String, DenseMatrix> obsm() {
    return Collections.unmodifiableMap(obsm);
  }

  public void putObsm(String key, DenseMatrix m) {
    if (m.nRows() != nObs()) {
      throw new IllegalArgumentException(
          "obsm['" + key + "'] has shape " + shape(m.nRows(), m.nCols()) + " but there are "
              + nObs() + " cells");
    }
    obsm.put(key, m);
  }

  /** Drops an obsm entry; returns it, or null. */
  public DenseMatrix removeObsm(String key) {
    return obsm.remove(key);
  }

  /** Drops a varm entry; returns it, or null. */
  public DenseMatrix removeVarm(String key) {
    return varm.remove(key);
  }

  /** Drops an obsp entry; returns it, or null. */
  public CsrMatrix removeObsp(String key) {
    return obsp.remove(key);
  }

  public Map<String, DenseMatrix> varm() {
    return Collections.unmodifiableMap(varm);
  }

  public void putVarm(String key, DenseMatrix m) {
    if (m.nRows() != nVars()) {
      throw new IllegalArgumentException(
          "varm['" + key + "'] has shape " + shape(m.nRows(), m.nCols()) + " but there are "
              + nVars() + " genes");
    }
    varm.put(key, m);
  }

  public Map<String, CsrMatrix> obsp() {
    return Collections.unmodifiableMap(obsp);
  }

  public void putObsp(String key, CsrMatrix m) {
    checkShape("obsp['" + key + "']", m.nRows(), m.nCols(), nObs(), nObs());
    obsp.put(key, m);
  }

  /**
   * Unstructured annotations: a mutable nested map whose values are String, Number, Boolean,
   * primitive or String arrays, {@link DenseMatrix}, {@link CsrMatrix}, {@link Frame} or another
   * such map.
   */
  public Map<String, Object> uns() {
    return uns;
  }

  public Raw raw() {
    return raw;
  }

  public void setRaw(Raw value) {
    if (value != null && value.x().nRows() != nObs()) {
      throw new IllegalArgumentException(
          "raw.X has shape " + shape(value.x().nRows(), value.x().nCols()) + " but there are "
              + nObs() + " cells");
    }
    this.raw = value;
  }

  private static void checkShape(String what, long rows, long cols, long wantRows, long wantCols) {
    if (rows != wantRows || cols != wantCols) {
      throw new IllegalArgumentException(
          what + " has shape " + shape(rows, cols) + " but expected " + shape(wantRows, wantCols));
    }
  }

  /**
   * A new container holding the cells given, in that order, with every per-cell slot subset
   * alongside (layers, obsm, obsp rows and columns, raw); var's columns, varm and uns values are
   * shared, but columns added to the new var (an HVG run on a subset) stay out of this one.
   */
  public CellData selectObs(int[] rows) {
    return selectObs(rows, null);
  }

  /** As {@link #selectObs(int[])}, the rows of X and the layers copied on {@code parallel}'s threads (null: this one). */
  public CellData selectObs(int[] rows, org.myelin.core.parallel.Parallel parallel) {
    return subsetObs(rows, m -> m.selectRows(rows, parallel));
  }

  /**
   * As {@link #selectObs(int[], org.myelin.core.parallel.Parallel)} for cells in increasing order
   * (a filter), except that the blocks of X and of the layers whose cells all stay are shared with
   * this container, not copied ({@link CsrMatrix#keepRows}): for a pipeline that goes on with the
   * result only. Writing to one container's values may write to the other's.
   */
  public CellData keepObs(int[] rows, org.myelin.core.parallel.Parallel parallel) {
    return subsetObs(rows, m -> m.keepRows(rows, parallel));
  }

  private CellData subsetObs(int[] rows, java.util.function.UnaryOperator<CsrMatrix> selectRows) {
    CellData out = new CellData(selectRows.apply(x), obs.select(rows), var.shallowCopy());
    for (Map.Entry<String, CsrMatrix> e : layers.entrySet()) {
      out.putLayer(e.getKey(), selectRows.apply(e.getValue()));
    }
    for (Map.Entry<String, DenseMatrix> e : obsm.entrySet()) {
      out.putObsm(e.getKey(), e.getValue().selectRows(rows));
    }
    for (Map.Entry<String, DenseMatrix> e : varm.entrySet()) {
      out.putVarm(e.getKey(), e.getValue());
    }
    for (Map.Entry<String, CsrMatrix> e : obsp.entrySet()) {
      out.putObsp(e.getKey(), e.getValue().selectRows(rows).selectColumns(rows));
    }
    out.uns.putAll(uns);
    if (raw != null) {
      out.setRaw(new Raw(raw.x().selectRows(rows), raw.var(), raw.varm()));
    }
    return out;
  }

  /**
   * A new container holding the genes given, in that order, with every per-gene slot subset
   * alongside (layers, varm); obs's columns, obsm, obsp and uns values are shared, but columns added
   * to the new obs stay out of this one. raw keeps all its genes, as in anndata.
   */
  public CellData selectVars(int[] cols) {
    CellData out = new CellData(x.selectColumns(cols), obs.shallowCopy(), var.select(cols));
    for (Map.Entry<String, CsrMatrix> e : layers.entrySet()) {
      out.putLayer(e.getKey(), e.getValue().selectColumns(cols));
    }
    for (Map.Entry<String, DenseMatrix> e : obsm.entrySet()) {
      out.putObsm(e.getKey(), e.getValue());
    }
    for (Map.Entry<String, DenseMatrix> e : varm.entrySet()) {
      out.putVarm(e.getKey(), e.getValue().selectRows(cols));
    }
    for (Map.Entry<String, CsrMatrix> e : obsp.entrySet()) {
      out.putObsp(e.getKey(), e.getValue());
    }
    out.uns.putAll(uns);
    out.raw = raw;
    return out;
  }

  @Override
  public String toString() {
    return "CellData[n_obs=" + nObs() + ", n_vars=" + nVars() + ", nnz=" + x.nnz() + "]";
  }
}
