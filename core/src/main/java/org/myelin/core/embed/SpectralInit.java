package org.myelin.core.embed;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.myelin.core.matrix.CsrBlock;
import org.myelin.core.matrix.CsrMatrix;
import org.myelin.core.matrix.SymmetricEigen;
import org.myelin.core.parallel.Parallel;

/**
 * UMAP's spectral initialisation (umap-learn's {@code spectral_layout}): the eigenvectors of the
 * normalised graph Laplacian I - D^-1/2 A D^-1/2 with the second and third smallest eigenvalues,
 * found as the largest of D^-1/2 A D^-1/2 by Lanczos to umap-learn's tolerance 1e-4, each given the
 * sign that makes its largest entry positive, scaled to 10 at most, jittered by 1e-4 normal noise
 * from the seed, then stretched to [0, 10] per axis as umap-learn does before optimising. A graph
 * in several pieces gets each piece's own spectral layout, the pieces set apart on a circle
 * (umap-learn places them by a spectral layout of their centroids instead, which needs the data,
 * not only the graph).
 */
final class SpectralInit {

  private static final int ROWS_PER_TASK = 4096;

  private SpectralInit() {}

  static double[] coordinates(CsrMatrix graph, long seed, Parallel parallel) {
    int n = graph.nRows();
    Random rnd = new Random(seed);
    int[] comp = components(graph);
    int nComp = Arrays.stream(comp).max().orElse(0) + 1;
    double[] y;
    if (nComp == 1) {
      y = spectral(graph, rnd, parallel);
    } else {
      y = new double[2 * n];
      double radius = 10;
      double local = nComp == 2 ? 0.4 * radius : 0.4 * 2 * radius * Math.sin(Math.PI / nComp);
      for (int c = 0; c < nComp; c++) {
        int cc = c;
        int[] members = IntStream.range(0, n).filter(i -> comp[i] == cc).toArray();
        double cx = radius * Math.cos(2 * Math.PI * c / nComp);
        double cy = radius * Math.sin(2 * Math.PI * c / nComp);
        double[] part;
        if (members.length >= 10) {
          part = spectral(graph.selectRows(members).selectColumns(members), rnd, parallel);
        } else {
          part = new double[2 * members.length];
          for (int i = 0; i < part.length; i++) {
            part[i] = rnd.nextDouble() * 20 - 10;
          }
        }
        for (int t = 0; t < members.length; t++) {
          // part lies in [-10, 10]: shrink it to the piece's own disc.
          y[2 * members[t]] = cx + part[2 * t] / 10 * local;
          y[2 * members[t] + 1] = cy + part[2 * t + 1] / 10 * local;
        }
      }
    }
    for (int c = 0; c < 2; c++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        lo = Math.min(lo, y[2 * i + c]);
        hi = Math.max(hi, y[2 * i + c]);
      }
      double range = hi > lo ? hi - lo : 1;
      for (int i = 0; i < n; i++) {
        y[2 * i + c] = 10.0 * (y[2 * i + c] - lo) / range;
      }
    }
    return y;
  }

  /** Connected components by union-find, numbered from 0 in order of their first cell. */
  static int[] components(CsrMatrix graph) {
    int n = graph.nRows();
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    for (int b = 0; b < graph.nBlocks(); b++) {
      CsrBlock block = graph.block(b);
      int row0 = graph.rowOffset(b);
      for (int r = 0; r < block.nRows(); r++) {
        for (int e = block.rowStart(r); e < block.rowStart(r + 1); e++) {
          int a = find(parent, row0 + r);
          int c = find(parent, block.index(e));
          if (a != c) {
            parent[Math.max(a, c)] = Math.min(a, c);
          }
        }
      }
    }
    int[] label = new int[n];
    int[] id = new int[n];
    Arrays.fill(id, -1);
    int next = 0;
    for (int i = 0; i < n; i++) {
      int root = find(parent, i);
      if (id[root] < 0) {
        id[root] = next++;
      }
      label[i] = id[root];
    }
    return label;
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  /** The spectral coordinates of a connected graph, n x 2, in [-10, 10]. */
  private static double[] spectral(CsrMatrix graph, Random rnd, Parallel parallel) {
    int n = graph.nRows();
    double[] degree = new double[n];
    for (int b = 0; b < graph.nBlocks(); b++) {
      CsrBlock block = graph.block(b);
      int row0 = graph.rowOffset(b);
      for (int r = 0; r < block.nRows(); r++) {
        for (int e = block.rowStart(r); e < block.rowStart(r + 1); e++) {
          degree[row0 + r] += block.value(e);
        }
      }
    }
    double[] scale = new double[n];
    for (int i = 0; i < n; i++) {
      scale[i] = degree[i] > 0 ? 1 / Math.sqrt(degree[i]) : 0;
    }
    // Each edge's weight times its far end's scale, made once: a product the operator would make
    // again on every Lanczos step (about 130 at 100k cells), the same double either way.
    int[] ptr = new int[n + 1];
    int[] far = new int[(int) graph.nnz()];
    double[] scaled = new double[far.length];
    for (int b = 0, at = 0; b < graph.nBlocks(); b++) {
      CsrBlock block = graph.block(b);
      int row0 = graph.rowOffset(b);
      for (int r = 0; r < block.nRows(); r++) {
        for (int e = block.rowStart(r); e < block.rowStart(r + 1); e++, at++) {
          far[at] = block.index(e);
          scaled[at] = block.value(e) * scale[block.index(e)];
        }
        ptr[row0 + r + 1] = at;
      }
    }
    int tasks = (n + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
    SymmetricEigen.Operator op = (v, out) -> parallel.forEach(tasks, t -> {
      for (int i = t * ROWS_PER_TASK; i < Math.min(n, (t + 1) * ROWS_PER_TASK); i++) {
        double s = 0;
        for (int e = ptr[i]; e < ptr[i + 1]; e++) {
          s += scaled[e] * v[far[e]];
        }
        out[i] = scale[i] * s;
      }
    });
    double[] y = new double[2 * n];
    try {
      // Converged is checked at every step: at 100k cells the space stops at 107 vectors, not 126.
      double[][] eig = SymmetricEigen.top(op, n, Math.min(3, n), 1e-4, 1, parallel);
      double[] vectors = eig[1]; // n x 3, eigenvalues descending: skip the first (the trivial one)
      double max = 0;
      for (int c = 0; c < 2; c++) {
        double biggest = 0;
        for (int i = 0; i < n; i++) {
          double v = vectors[i * 3 + 1 + c];
          if (Math.abs(v) > Math.abs(biggest)) {
            biggest = v;
          }
        }
        double sign = biggest < 0 ? -1 : 1;
        for (int i = 0; i < n; i++) {
          y[2 * i + c] = sign * vectors[i * 3 + 1 + c];
          max = Math.max(max, Math.abs(y[2 * i + c]));
        }
      }
      double expansion = max > 0 ? 10.0 / max : 1;
      for (int i = 0; i < 2 * n; i++) {
        y[i] = y[i] * expansion + rnd.nextGaussian() * 1e-4;
      }
    } catch (IllegalStateException e) {
      // No spectral layout (umap-learn falls back the same way): uniform on [-10, 10].
      for (int i = 0; i < 2 * n; i++) {
        y[i] = rnd.nextDouble() * 20 - 10;
      }
    }
    return y;
  }
}
