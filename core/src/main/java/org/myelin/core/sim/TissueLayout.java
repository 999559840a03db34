package org.myelin.core.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Where every simulated cell is and what it is: a rectangular section with irregular tumour nests,
 * nerve bundles (smooth curves of Schwann cells, some running through a nest: perineural invasion),
 * stroma, and immune cells that crowd towards tumour borders and injured nerves. Types and states
 * follow the planted biology of {@link TumourSection}. All of it is drawn from one seed.
 */
final class TissueLayout {

  /** Area per cell: about 11 micrometres between neighbouring cells, as in a dense carcinoma. */
  static final double AREA_PER_CELL_UM2 = 120;
  private static final int CURVE_POINTS = 33;

  final int n;
  final double width;
  final double height;
  final double[] x;
  final double[] y;
  final CellType[] type;
  final CellState[] state;
  final int[] nerveId;
  final double[] distNerve;
  final double[] distInjured;
  final double[] exhaustion;
  final double[] inflammation;
  final double[] cgrp;
  final boolean[] damaged;
  final int[] doubletPartner;
  final List<Nerve> nerves = new ArrayList<>();
  final List<Nest> nests = new ArrayList<>();

  /** A nerve bundle: a quadratic Bezier centre line of the given width. */
  record Nerve(int id, double[] px, double[] py, double widthUm, boolean invaded, boolean injured) {
    double length() {
      double l = 0;
      for (int i = 1; i < px.length; i++) {
        l += Math.hypot(px[i] - px[i - 1], py[i] - py[i - 1]);
      }
      return l;
    }
  }

  /** A tumour nest: a star-shaped blob with radius r(theta) = r (1 + a3 sin(3 theta + p3) + a5 sin(5 theta + p5)). */
  record Nest(double cx, double cy, double r, double a3, double p3, double a5, double p5) {
    double radiusAt(double theta) {
      return r * (1 + a3 * Math.sin(3 * theta + p3) + a5 * Math.sin(5 * theta + p5));
    }

    /** Signed distance-like value: negative inside, about the distance to the border outside. */
    double borderDistance(double x, double y) {
      double dx = x - cx;
      double dy = y - cy;
      return Math.hypot(dx, dy) - radiusAt(Math.atan2(dy, dx));
    }
  }

  TissueLayout(TumourSection.Options o) {
    n = o.nCells();
    SplittableRandom rnd = RandomStreams.of(o.seed(), -1);
    double a = Math.sqrt(AREA_PER_CELL_UM2);
    int nx = (int) Math.ceil(Math.sqrt(n));
    int ny = (n + nx - 1) / nx;
    width = nx * a;
    height = ny * a;
    x = new double[n];
    y = new double[n];
    for (int i = 0; i < n; i++) {
      int row = i / nx;
      int col = i % nx;
      // A jittered lattice, every other row shifted half a step: no two cells overlap.
      x[i] = (col + 0.5 + (row % 2 == 0 ? 0 : 0.25) + 0.35 * (rnd.nextDouble() - 0.5)) * a;
      y[i] = (row + 0.5 + 0.35 * (rnd.nextDouble() - 0.5)) * a;
    }
    placeNests(o, rnd);
    placeNerves(o, rnd);
    type = new CellType[n];
    state = new CellState[n];
    nerveId = new int[n];
    distNerve = new double[n];
    distInjured = new double[n];
    exhaustion = new double[n];
    inflammation = new double[n];
    cgrp = new double[n];
    damaged = new boolean[n];
    doubletPartner = new int[n];
    assignCells(o, rnd);
  }

  private double areaMm2() {
    return width * height / 1e6;
  }

  /** Adds nests until the share of lattice points inside a nest reaches the target (points sampled for large sections). */
  private void placeNests(TumourSection.Options o, SplittableRandom rnd) {
    int probes = Math.min(n, 20_000);
    int step = Math.max(1, n / probes);
    boolean[] covered = new boolean[n];
    int inside = 0;
    int total = (n + step - 1) / step;
    int guard = 0;
    while (inside < o.tumourFraction() * total && guard++ < 100_000) {
      double r = 60 + 100 * rnd.nextDouble();
      Nest nest = new Nest(width * rnd.nextDouble(), height * rnd.nextDouble(), r,
          0.1 + 0.15 * rnd.nextDouble(), 2 * Math.PI * rnd.nextDouble(),
          0.05 + 0.08 * rnd.nextDouble(), 2 * Math.PI * rnd.nextDouble());
      nests.add(nest);
      for (int i = 0; i < n; i += step) {
        if (!covered[i] && Math.abs(x[i] - nest.cx) < 2 * r && Math.abs(y[i] - nest.cy) < 2 * r
            && nest.borderDistance(x[i], y[i]) < 0) {
          covered[i] = true;
          inside++;
        }
      }
    }
  }

  private boolean inTumour(double px, double py) {
    for (Nest nest : nests) {
      if (Math.abs(px - nest.cx) < 2 * nest.r && Math.abs(py - nest.cy) < 2 * nest.r && nest.borderDistance(px, py) < 0) {
        return true;
      }
    }
    return false;
  }

  private void placeNerves(TumourSection.Options o, SplittableRandom rnd) {
    int count = Math.max(3, (int) Math.round(areaMm2() * o.nervesPerMm2()));
    int invaded = (int) Math.round(count * o.invadedFraction());
    if (o.invadedFraction() > 0 && invaded == 0) {
      invaded = 1;
    }
    for (int id = 0; id < count; id++) {
      boolean planInvaded = id < invaded;
      double w = 25 + 20 * rnd.nextDouble();
      double length = Math.min(300 + 500 * rnd.nextDouble(), 0.9 * Math.max(width, height));
      double[] px = new double[CURVE_POINTS];
      double[] py = new double[CURVE_POINTS];
      for (int attempt = 0; attempt < 200; attempt++) {
        double mx;
        double my;
        if (planInvaded) {
          Nest nest = nests.get(rnd.nextInt(nests.size()));
          mx = nest.cx + 0.3 * nest.r * (rnd.nextDouble() - 0.5);
          my = nest.cy + 0.3 * nest.r * (rnd.nextDouble() - 0.5);
        } else {
          mx = width * rnd.nextDouble();
          my = height * rnd.nextDouble();
        }
        double theta = Math.PI * rnd.nextDouble();
        double bend = (rnd.nextDouble() - 0.5) * 0.6 * length;
        double ux = Math.cos(theta);
        double uy = Math.sin(theta);
        double sx = mx - ux * length / 2;
        double sy = my - uy * length / 2;
        double ex = mx + ux * length / 2;
        double ey = my + uy * length / 2;
        double cx = mx - uy * bend;
        double cy = my + ux * bend;
        boolean touches = false;
        for (int k = 0; k < CURVE_POINTS; k++) {
          double t = k / (double) (CURVE_POINTS - 1);
          px[k] = (1 - t) * (1 - t) * sx + 2 * (1 - t) * t * cx + t * t * ex;
          py[k] = (1 - t) * (1 - t) * sy + 2 * (1 - t) * t * cy + t * t * ey;
          touches |= inTumour(px[k], py[k]) || nearTumour(px[k], py[k], w / 2 + 30);
        }
        if (planInvaded || !touches || attempt == 199) {
          break;
        }
      }
      boolean isInvaded = false;
      for (int k = 0; k < CURVE_POINTS; k++) {
        isInvaded |= inTumour(px[k], py[k]);
      }
      // Perineural invasion injures the nerve (Baruch et al. 2025): injured means invaded here.
      nerves.add(new Nerve(id, px.clone(), py.clone(), w, isInvaded, isInvaded));
    }
  }

  private boolean nearTumour(double px, double py, double margin) {
    for (Nest nest : nests) {
      if (Math.abs(px - nest.cx) < 2 * nest.r + margin && Math.abs(py - nest.cy) < 2 * nest.r + margin
          && nest.borderDistance(px, py) < margin) {
        return true;
      }
    }
    return false;
  }

  private SegmentGrid segmentGrid() {
    int segs = nerves.size() * (CURVE_POINTS - 1);
    double[] ax = new double[segs];
    double[] ay = new double[segs];
    double[] bx = new double[segs];
    double[] by = new double[segs];
    int[] owner = new int[segs];
    int s = 0;
    for (Nerve nv : nerves) {
      for (int k = 0; k + 1 < CURVE_POINTS; k++) {
        ax[s] = nv.px[k];
        ay[s] = nv.py[k];
        bx[s] = nv.px[k + 1];
        by[s] = nv.py[k + 1];
        owner[s] = nv.id;
        s++;
      }
    }
    return new SegmentGrid(ax, ay, bx, by, owner, 0, 0, width, height, 200);
  }

  /** Nests near a point, from a coarse grid, for tumour membership and border distance. */
  private final class NestGrid {
    static final double CELL = 400;
    final int gx = Math.max(1, (int) Math.ceil(width / CELL));
    final int gy = Math.max(1, (int) Math.ceil(height / CELL));
    final List<List<Nest>> bins = new ArrayList<>();

    NestGrid() {
      for (int i = 0; i < gx * gy; i++) {
        bins.add(new ArrayList<>());
      }
      for (Nest nest : nests) {
        double reach = 2 * nest.r + 300;
        for (int cy = bin(nest.cy - reach, gy); cy <= bin(nest.cy + reach, gy); cy++) {
          for (int cx = bin(nest.cx - reach, gx); cx <= bin(nest.cx + reach, gx); cx++) {
            bins.get(cy * gx + cx).add(nest);
          }
        }
      }
    }

    private int bin(double v, int max) {
      return Math.min(max - 1, Math.max(0, (int) (v / CELL)));
    }

    /** Distance to the nearest tumour border: negative inside, capped at 300 um outside. */
    double border(double px, double py) {
      double best = 300;
      for (Nest nest : bins.get(bin(py, gy) * gx + bin(px, gx))) {
        best = Math.min(best, nest.borderDistance(px, py));
      }
      return best;
    }
  }

  private static final CellType[] STROMA_IMMUNE = {CellType.CD8_T, CellType.CD4_T, CellType.TREG, CellType.NK,
      CellType.B, CellType.PLASMA, CellType.MACROPHAGE, CellType.DENDRITIC, CellType.MAST};
  private static final double[] STROMA_IMMUNE_W = {0.22, 0.18, 0.07, 0.05, 0.08, 0.05, 0.23, 0.07, 0.05};
  private static final double[] TUMOUR_IMMUNE_W = {0.36, 0.12, 0.08, 0.08, 0.03, 0.02, 0.24, 0.07, 0.0};

  private void assignCells(TumourSection.Options o, SplittableRandom rnd) {
    SegmentGrid grid = segmentGrid();
    NestGrid nestGrid = new NestGrid();
    boolean anyInjured = nerves.stream().anyMatch(Nerve::injured);
    double[] near = new double[2];
    double[] nearInjured = new double[2];
    for (int i = 0; i < n; i++) {
      grid.nearest(x[i], y[i], id -> true, near);
      Nerve nv = nerves.get((int) near[1]);
      double dc = near[0] - nv.widthUm / 2;
      distNerve[i] = Math.max(0, dc);
      if (anyInjured) {
        grid.nearest(x[i], y[i], id -> nerves.get(id).injured, nearInjured);
        distInjured[i] = Math.max(0, nearInjured[0] - nerves.get((int) nearInjured[1]).widthUm / 2);
      } else {
        distInjured[i] = Double.NaN;
      }
      double proximity = anyInjured ? Math.exp(-distInjured[i] / o.exhaustionRangeUm()) : 0;
      inflammation[i] = anyInjured ? Math.exp(-distInjured[i] / o.inflammationRangeUm()) : 0;
      nerveId[i] = -1;
      double border = nestGrid.border(x[i], y[i]);
      if (dc <= 0) {
        type[i] = CellType.SCHWANN;
        nerveId[i] = nv.id;
      } else if (border < 0) {
        double pImmune = 0.06 + 0.2 * proximity;
        type[i] = rnd.nextDouble() < pImmune ? pick(STROMA_IMMUNE, TUMOUR_IMMUNE_W, rnd) : CellType.TUMOUR;
      } else {
        double pImmune = Math.min(0.85, 0.12 + 0.35 * Math.exp(-border / 80) + 0.35 * proximity);
        if (rnd.nextDouble() < pImmune) {
          type[i] = pick(STROMA_IMMUNE, STROMA_IMMUNE_W, rnd);
        } else {
          double u = rnd.nextDouble();
          type[i] = u < 0.7 ? CellType.FIBROBLAST : u < 0.9 ? CellType.ENDOTHELIAL : CellType.PERICYTE;
        }
      }
      cgrp[i] = cgrpSignal(grid, x[i], y[i], o, near);
      damaged[i] = rnd.nextDouble() < o.damagedFraction();
      doubletPartner[i] = rnd.nextDouble() < o.doubletFraction() ? rnd.nextInt(n) : -1;
      state[i] = stateOf(i, o, proximity, rnd);
    }
    markAttackedTumour(o, rnd);
  }

  /** CGRP from nerve fibres, decaying with distance; injured (invaded) nerves release more (Zhang et al. 2025). */
  private double cgrpSignal(SegmentGrid grid, double px, double py, TumourSection.Options o, double[] scratch) {
    double best = 0;
    for (boolean injured : new boolean[] {true, false}) {
      grid.nearest(px, py, id -> nerves.get(id).injured == injured, scratch);
      if (Double.isFinite(scratch[0])) {
        double d = Math.max(0, scratch[0] - nerves.get((int) scratch[1]).widthUm / 2);
        best = Math.max(best, (injured ? 1.0 : 0.35) * Math.exp(-d / o.cgrpRangeUm()));
      }
    }
    return best;
  }

  private CellState stateOf(int i, TumourSection.Options o, double proximity, SplittableRandom rnd) {
    switch (type[i]) {
      case SCHWANN -> {
        boolean injured = nerves.get(nerveId[i]).injured;
        double pRepair = injured ? 0.85 : 0.05;
        return rnd.nextDouble() < pRepair ? CellState.REPAIR : CellState.MYELINATING;
      }
      case CD8_T -> {
        double u = rnd.nextDouble();
        double pTerminal = 0.08 + 0.65 * proximity;
        double pProgenitor = 0.15 + 0.15 * proximity;
        CellState s = u < pTerminal ? CellState.TERMINALLY_EXHAUSTED
            : u < pTerminal + pProgenitor ? CellState.PROGENITOR_EXHAUSTED : CellState.NAIVE_EFFECTOR;
        double level = s == CellState.TERMINALLY_EXHAUSTED ? 1.0 : s == CellState.PROGENITOR_EXHAUSTED ? 0.45 : 0.05;
        exhaustion[i] = level * (0.6 + 0.4 * proximity);
        return s;
      }
      case MACROPHAGE -> {
        return rnd.nextDouble() < 0.2 + o.m2Strength() * cgrp[i] ? CellState.M2_LIKE : CellState.M1_LIKE;
      }
      default -> {
        return CellState.BASELINE;
      }
    }
  }

  /** Tumour cells with a cytotoxic (CD8 or NK) cell within reach are under attack. */
  private void markAttackedTumour(TumourSection.Options o, SplittableRandom rnd) {
    double r = o.attackRadiusUm();
    int gx = Math.max(1, (int) Math.ceil(width / r));
    int gy = Math.max(1, (int) Math.ceil(height / r));
    int[] head = new int[gx * gy];
    Arrays.fill(head, -1);
    int[] next = new int[n];
    for (int i = 0; i < n; i++) {
      if (type[i] == CellType.CD8_T || type[i] == CellType.NK) {
        int b = Math.min(gy - 1, (int) (y[i] / r)) * gx + Math.min(gx - 1, (int) (x[i] / r));
        next[i] = head[b];
        head[b] = i;
      }
    }
    for (int i = 0; i < n; i++) {
      if (type[i] != CellType.TUMOUR) {
        continue;
      }
      int cx = Math.min(gx - 1, (int) (x[i] / r));
      int cy = Math.min(gy - 1, (int) (y[i] / r));
      boolean attacked = false;
      for (int yy = Math.max(0, cy - 1); yy <= Math.min(gy - 1, cy + 1) && !attacked; yy++) {
        for (int xx = Math.max(0, cx - 1); xx <= Math.min(gx - 1, cx + 1) && !attacked; xx++) {
          for (int j = head[yy * gx + xx]; j >= 0; j = next[j]) {
            if (Math.hypot(x[j] - x[i], y[j] - y[i]) <= r) {
              attacked = true;
              break;
            }
          }
        }
      }
      state[i] = attacked && rnd.nextDouble() < 0.85 ? CellState.ATTACKED : CellState.BASELINE;
    }
  }

  private static CellType pick(CellType[] types, double[] weights, SplittableRandom rnd) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double u = rnd.nextDouble() * total;
    for (int k = 0; k < types.length; k++) {
      u -= weights[k];
      if (u < 0) {
        return types[k];
      }
    }
    return types[types.length - 1];
  }
}
