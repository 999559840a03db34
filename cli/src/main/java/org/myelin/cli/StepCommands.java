package org.myelin.cli;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The commands that run one step on its own ({@code myelin qc}, {@code myelin spatial graph}, ...):
 * each is made from its Step (the options), the shared input and output options, the grouping or the
 * batch column when the step reads one and --tables when it makes tables; the help text of all of them is here.
 */
final class StepCommands {

  private StepCommands() {}

  /** A step command: its name, its step, what it does and two or three examples. */
  record Entry(String name, Supplier<Step> step, String description, String... examples) {}

  /** Commands of the top level, in the order help lists them. */
  static final List<Entry> TOP = List.of(
      new Entry("qc", QcStep::new,
          "Compute QC metrics as scanpy's calculate_qc_metrics (obs: n_genes_by_counts, total_counts, "
              + "pct_counts_<group>, pct_counts_in_top_<n>_genes; var: n_cells_by_counts, mean_counts, "
              + "pct_dropout_by_counts, total_counts), then filter cells and genes; uns['qc'] says what each rule removed. "
              + "Thresholds of 0 disable a rule.",
        "  myelin qc filtered_feature_bc_matrix.h5 -o qc.h5ad --min-genes 200 --max-pct-mt 20",
        "  myelin qc sample.h5ad -o qc.h5ad --qc-vars mt,ribo,hb --min-cells 3"),
      new Entry("doublets", DoubletsStep::new,
          "Find doublets with Scrublet, as scrublet 0.2.2 with exact neighbours (scanpy's scrublet): doublets simulated "
              + "from random pairs of cells, a PCA, and each cell's share of simulated doublets among its neighbours as a "
              + "doublet score; obs['doublet_score'] and obs['predicted_doublet'] (above the threshold between the two "
              + "modes of the simulated scores), uns['scrublet']. Each sample (--sample-key, obs['sample'] by default) on "
              + "its own; needs raw counts (X or layers['counts']).",
        "  myelin doublets qc.h5ad -o doublets.h5ad",
        "  myelin doublets cohort.h5ad -o doublets.h5ad --sample-key sample --remove-doublets"),
      new Entry("normalize", NormalizeStep::new,
          "Scale every cell to the same total (scanpy's normalize_total), then log1p; the counts are kept "
              + "in layers['counts'], both steps recorded in uns.",
        "  myelin normalize qc.h5ad -o norm.h5ad",
        "  myelin normalize qc.h5ad -o norm.h5ad --target-sum median --exclude-highly-expressed"),
      new Entry("hvg", HvgStep::new,
          "Mark the highly variable genes in var['highly_variable'] as scanpy's highly_variable_genes: the seurat "
              + "and cell_ranger flavours on log-normalised X, seurat_v3 on counts (the 'counts' layer); --batch-key ranks "
              + "genes per batch.",
        "  myelin hvg norm.h5ad -o hvg.h5ad --n-top-genes 2000",
        "  myelin hvg norm.h5ad -o hvg.h5ad --hvg-flavor seurat_v3 --batch-key sample"),
      new Entry("scale", ScaleStep::new,
          "Standardise each gene as scanpy's scale: subtract the mean, divide by the standard deviation, clip "
              + "above --max-value; var mean and std. Centred, X becomes dense (every entry stored): scale the highly "
              + "variable genes only (--hvg-only), or let 'myelin pca' scale implicitly, which keeps X sparse.",
        "  myelin scale hvg.h5ad -o scaled.h5ad --hvg-only --max-value 10",
        "  myelin scale hvg.h5ad -o scaled.h5ad --no-zero-center"),
      new Entry("regress-out", RegressOutStep::new,
          "Replace each gene by the residuals of a least-squares fit on obs covariates, as scanpy's "
              + "regress_out (numeric columns with an intercept, or one categorical column: its category means). "
              + "X becomes dense (every entry stored); genes with one value throughout are left as they are.",
        "  myelin regress-out hvg.h5ad -o regressed.h5ad --keys total_counts,pct_counts_mt --hvg-only"),
      new Entry("pca", PcaStep::new,
          "Principal components of the highly variable genes, standardised and clipped as scanpy's scale + pca: "
              + "obsm['X_pca'], varm['PCs'], uns['pca'] with the variances.",
        "  myelin pca hvg.h5ad -o pca.h5ad --n-pcs 50",
        "  myelin pca scaled.h5ad -o pca.h5ad --scale no --all-genes"),
      new Entry("integrate", IntegrateStep::new,
          "Correct the PCA for batches (samples, donors, runs) with Harmony, as scanpy's harmony_integrate runs "
              + "harmonypy: soft clusters that must mix the batches, and a correction per cluster; obsm['X_pca_harmony'] "
              + "(which 'myelin neighbors' then searches) and uns['harmony']. The same embedding as harmonypy for the "
              + "same seed, whatever --threads.",
        "  myelin integrate pca.h5ad -o integrated.h5ad --batch-key sample",
        "  myelin integrate pca.h5ad -o integrated.h5ad --batch-key batch --harmony-theta 2"),
      new Entry("neighbors", NeighborsStep::new,
          "The k-nearest-neighbour graph of an embedding, as scanpy's neighbors: exact below 8,192 cells, "
              + "NN-descent above; obsp['distances'] and obsp['connectivities'] (UMAP's fuzzy union, scanpy's "
              + "gauss, or Seurat's SNN), uns['neighbors'].",
        "  myelin neighbors pca.h5ad -o graph.h5ad --n-neighbors 15",
        "  myelin neighbors pca.h5ad -o graph.h5ad --graph snn --n-neighbors 20 --n-pcs-neighbors 30"),
      new Entry("leiden", LeidenStep::new,
          "Cluster obsp['connectivities'] by Leiden (or Louvain) maximising modularity: Leiden as leidenalg "
              + "0.9 runs it for scanpy (the same clusters as scanpy's for the same graph and seed) or with the CWTS code by "
              + "the algorithm's authors (Louvain always): obs['leiden'] as a categorical, '0' the largest cluster; "
              + "uns['leiden'] holds the parameters and the modularity. The same labels for a seed, whatever --threads.",
        "  myelin leiden graph.h5ad -o clusters.h5ad --resolution 0.8",
        "  myelin leiden graph.h5ad -o clusters.h5ad --leiden-engine cwts --random-starts 10"),
      new Entry("annotate", AnnotateStep::new,
          "Label cell types from marker genes: each marker is z-scored over the cells, a type scores the mean of its "
              + "marker sets (the library's CELLTYPE_* sets, or --markers), averaged over each cell's graph neighbours "
              + "when obsp['connectivities'] exists. obs['cell_type'] per cell (unassigned below --min-type-score or "
              + "--min-type-margin), obs['cell_type_cluster'] per --groupby cluster, and the table cell_types: each "
              + "cluster's type with its confidence (the margin over the next type).",
        "  myelin annotate clusters.h5ad -o annotated.h5ad --tables tables/",
        "  myelin annotate clusters.h5ad -o annotated.h5ad --markers my_types.gmt --groupby leiden"),
      new Entry("subset", SubsetStep::new,
          "Keep the cells that meet every --where condition, ready to be analysed again: raw counts back in X (from "
              + "layers['counts']), the parent's embeddings, graphs and analyses dropped, its clusters and "
              + "annotation kept as parent_leiden, parent_cell_type_annotated, ... Then 'myelin run' on the subset "
              + "redoes HVG, PCA, the graph, clusters and markers for these cells alone.",
        "  myelin subset annotated.h5ad -o t_cells.h5ad --where 'cell_type in (cd8_t, cd4_t)'",
        "  myelin subset annotated.h5ad -o exhausted.h5ad --where cell_type=cd8_t --where 'PDCD1>0'"),
      new Entry("umap", UmapStep::new,
          "Lay out obsp['connectivities'] in two dimensions as scanpy's umap: spectral start, umap-learn's "
              + "a/b and sampling; obsm['X_umap'], the same for a seed whatever --threads.",
        "  myelin umap clusters.h5ad -o umap.h5ad",
        "  myelin umap clusters.h5ad -o umap.h5ad --min-dist 0.3 --seed 1"));

  /** Subcommands of {@code myelin spatial}. */
  static final List<Entry> SPATIAL = List.of(
      new Entry("graph", SpatialGraphStep::new,
          "The spatial neighbour graph, as squidpy's spatial_neighbors: obsp['spatial_connectivities'] "
              + "and obsp['spatial_distances'] (column i holds cell i's k nearest cells, as squidpy stores them), "
              + "uns['spatial_neighbors']. Visium input gets the hexagonal grid, cells their 6 nearest neighbours.",
        "  myelin spatial graph visium_folder -o graph.h5ad",
        "  myelin spatial graph cells.h5ad -o graph.h5ad --delaunay --prune-percentile 99"),
      new Entry("autocorr", SpatialAutocorrStep::new,
          "Moran's I and Geary's C of genes and scores on the spatial graph, as squidpy's spatial_autocorr: "
              + "analytic p-values (and permutation ones with --autocorr-perms), BH FDR; uns['moranI'] and uns['gearyC'] "
              + "as tables indexed by feature with squidpy's columns.",
        "  myelin spatial autocorr graph.h5ad -o moran.h5ad --tables tables/",
        "  myelin spatial autocorr graph.h5ad -o autocorr.h5ad --autocorr-mode moran,geary --autocorr-perms 100"),
      new Entry("nhood", SpatialNhoodStep::new,
          "Neighbourhood enrichment between categories (count and permutation z-score, as squidpy's "
              + "nhood_enrichment), the interaction matrix and per-category centrality scores (degree, closeness, "
              + "average clustering) in uns['<key>_nhood_enrichment'], uns['<key>_interactions'] and "
              + "uns['<key>_centrality_scores'].",
        "  myelin spatial nhood graph.h5ad -o nhood.h5ad --tables tables/",
        "  myelin spatial nhood graph.h5ad -o nhood.h5ad --groupby cell_type --nhood-perms 500"),
      new Entry("co-occurrence", CoOccurrenceStep::new,
          "The co-occurrence ratio of categories across distance bins, as squidpy's co_occurrence "
              + "(P(b | a at that distance) / P(b)); pairs are counted exactly on a bucket grid, never a distance "
              + "matrix. uns['<key>_co_occurrence'] and the table co_occurrence.tsv.",
        "  myelin spatial co-occurrence clusters.h5ad -o cooc.h5ad --cooc-max-distance 300 --tables tables/",
        "  myelin spatial co-occurrence annotated.h5ad -o cooc.h5ad --groupby cell_type --cooc-interval 20"),
      new Entry("ripley", RipleyStep::new,
          "Ripley's K or L, or the G (nearest neighbour) or F (empty space) function of each category, "
              + "with pointwise envelopes and p-values from uniform random patterns in the cells' convex hull. "
              + "uns['<key>_ripley_<mode>'] and the table ripley_<mode>.tsv.",
        "  myelin spatial ripley clusters.h5ad -o ripley.h5ad --tables tables/",
        "  myelin spatial ripley annotated.h5ad -o ripley.h5ad --groupby cell_type --ripley-mode G"),
      new Entry("ligrec", LigrecStep::new,
          "Ligand-receptor co-localisation for the pairs of cancer neuroscience (CALCA and CALCB with "
              + "CALCRL+RAMP1, SLIT2 with ROBO1 and ROBO2, NGF with NGFR) and any from --ligrec-pairs: CellPhoneDB's "
              + "permutation test between categories (as squidpy's ligrec) and the bivariate Moran's I on the "
              + "spatial graph. Tables ligrec.tsv and ligrec_spatial.tsv, uns['ligrec'].",
        "  myelin spatial ligrec graph.h5ad -o ligrec.h5ad --groupby cell_type --tables tables/",
        "  myelin spatial ligrec graph.h5ad -o ligrec.h5ad --ligrec-pairs pairs.tsv --ligrec-perms 500"),
      new Entry("niche", SpatialNicheStep::new,
          "The nerve niche: each cell's distance to the nearest reference cell (nerves, Schwann cells, or "
              + "cells above a score), scores and cell-type shares per distance band with 95%% intervals, the trend "
              + "(Spearman, permutation p) and the niche against distal tissue (Wilcoxon), and reference cells with tumour "
              + "cells close by (perineural-invasion candidates).",
        "  myelin spatial niche scored.h5ad -o niche.h5ad --niche-reference cell_type=schwann --niche-cells "
              + "cell_type=cd8_t --tables tables/",
        "  myelin spatial niche scored.h5ad -o niche.h5ad --niche-reference 'NERVE_INJURY_NEURON_RAG_UP_module>0.3' "
              + "--tumour cell_type=tumour_squamous"));

  /** The command of an entry, ready to be added under its parent. */
  static CommandLine command(Entry e) {
    Step step = e.step().get();
    Runner runner = new Runner(step);
    CommandSpec spec = CommandSpec.wrapWithoutInspection(runner);
    spec.name(e.name());
    spec.mixinStandardHelpOptions(true);
    spec.versionProvider(new Main.Version());
    spec.usageMessage().description(e.description()).footerHeading("%nExamples:%n").footer(e.examples());
    spec.addMixin("step", CommandSpec.forAnnotatedObject(step));
    if (step instanceof GroupedStep grouped) {
      Grouping grouping = new Grouping();
      grouped.grouping(grouping);
      spec.addMixin("grouping", CommandSpec.forAnnotatedObject(grouping));
    }
    if (step instanceof BatchedStep batched) {
      BatchKey batches = new BatchKey();
      batched.batchKey(batches);
      spec.addMixin("batches", CommandSpec.forAnnotatedObject(batches));
    }
    if (!step.tableNames().isEmpty()) {
      spec.addMixin("tables", CommandSpec.forAnnotatedObject(runner.tables));
    }
    spec.addMixin("args", CommandSpec.forAnnotatedObject(runner.args));
    runner.spec = spec;
    return new CommandLine(spec);
  }

  /** Runs one step through {@link StepRunner}. */
  static final class Runner implements Callable<Integer> {
    final Step step;
    final StepArgs args = new StepArgs();
    final TablesOption tables = new TablesOption();
    CommandSpec spec;

    Runner(Step step) {
      this.step = step;
    }

    @Override
    public Integer call() {
      return StepRunner.run(spec, args, step, tables.tables());
    }
  }
}
