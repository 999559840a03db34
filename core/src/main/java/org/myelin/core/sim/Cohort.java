package org.myelin.core.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.myelin.core.score.GeneSet;

/**
 * A simulated anti-PD-1 trial: one {@link TumourSection} per patient, with what the cohort studies
 * (Baruch et al., Nature 2025) ask about planted. Non-responders carry more perineural invasion and
 * nerve injury, hence more inflamed and exhausted T cells near nerves; responders fewer injured
 * nerves and weaker exhaustion, leaving more effector T cells. Progression-free survival is
 * exponential with a hazard that grows with the patient's injury burden by a stated hazard ratio,
 * censored at the end of follow-up. Samples are sequenced in batches that shift library size and
 * each gene's abundance and switch on a few genes of their own, which integration must remove.
 * Doublets are planted at a stated rate with the truth in obs. The same cohort for a seed.
 */
public final class Cohort {

  /**
   * @param nSamples patients, one section each
   * @param seed the cohort's seed
   * @param responderFraction share of responders
   * @param nrInvadedFraction invaded (and injured) share of nerves in a non-responder's tumour
   * @param rInvadedFraction the same in a responder's
   * @param nrExhaustionFold fold of the exhaustion program near injured nerves in non-responders
   * @param rExhaustionFold the same in responders
   * @param hazardRatio hazard ratio of progression per standard deviation of injury burden
   * @param medianPfsMonths median progression-free survival at the cohort's mean burden
   * @param followUpMonths censoring time
   * @param nBatches sequencing batches, samples dealt to them in turn
   * @param batchLibrarySdLog SD of a batch's log library-size factor
   * @param batchGeneSdLog SD of a batch's log shift of each gene
   * @param batchGenes background genes switched on in each batch only
   * @param batchGeneFold their fold in their batch
   */
  public record Options(int nSamples, long seed, double responderFraction,
      double nrInvadedFraction, double rInvadedFraction, double nrExhaustionFold, double rExhaustionFold,
      double hazardRatio, double medianPfsMonths, double followUpMonths, int nBatches, double batchLibrarySdLog,
      double batchGeneSdLog, int batchGenes, double batchGeneFold) {

    public Options {
      if (nSamples < 2) {
        throw new IllegalArgumentException("Invalid number of samples: " + nSamples + " (2 or more)");
      }
      if (nBatches < 1 || nBatches > nSamples) {
        throw new IllegalArgumentException("Invalid number of batches: " + nBatches + " (1 to the " + nSamples
            + " samples)");
      }
      for (double f : new double[] {responderFraction, nrInvadedFraction, rInvadedFraction}) {
        if (!(f >= 0 && f <= 1)) {
          throw new IllegalArgumentException("Invalid fraction: " + f + " (in [0, 1])");
        }
      }
      if (!(hazardRatio > 0) || !(medianPfsMonths > 0) || !(followUpMonths > 0) || !(batchGeneFold >= 1)
          || !(batchLibrarySdLog >= 0) || !(batchGeneSdLog >= 0) || batchGenes < 0) {
        throw new IllegalArgumentException("Invalid cohort parameters: hazard ratio, median PFS and follow-up are "
            + "positive, batch spreads non-negative, the batch genes' fold at least 1");
      }
    }

    /** A cohort of {@code nSamples} patients with the default effects. */
    public static Options defaults(int nSamples, long seed) {
      return new Options(nSamples, seed, 0.5, 0.75, 0.2, 12, 4, 2.0, 12, 36, Math.min(3, nSamples), 0.3, 0.3, 15, 8);
    }

    /** The share of droplets holding two cells in a cohort's sections unless told otherwise. */
    public static final double DOUBLET_FRACTION = 0.06;

    /** The parameters as each sample's uns["patient"]["cohort"] records them. */
    public Map<String, Object> asMap() {
      return TumourSection.recordMap(this);
    }
  }

  /**
   * One patient.
   *
   * @param sample the sample's name (P01, ...)
   * @param responder whether the patient responded
   * @param batch the sequencing batch (B1, ...)
   * @param injuryBurden the planted share of invaded, injured nerves
   * @param pfsMonths progression-free months (to progression or censoring)
   * @param progressed whether progression was seen (1) or the patient censored (0)
   * @param section the tumour section's parameters
   * @param geneFactor the batch's factor on each gene's expected count
   */
  public record Patient(String sample, boolean responder, String batch, double injuryBurden, double pfsMonths,
      boolean progressed, TumourSection.Options section, double[] geneFactor) {

    public String response() {
      return responder ? "R" : "NR";
    }
  }

  private final Options options;
  private final List<GeneSet> library;
  private final List<Patient> patients = new ArrayList<>();

  /**
   * Plans the cohort: the patients' outcomes, burdens and batches (the sections are made on demand).
   *
   * @param template every section's parameters but those the cohort plants: the seed, the invaded
   *     share of nerves, the exhaustion fold and the library size (times the batch's factor)
   * @param library the signature library the sections express
   */
  public Cohort(Options o, TumourSection.Options template, List<GeneSet> library) {
    this.options = o;
    this.library = library;
    GeneSpace space = new GeneSpace(library, template.mouse(), template.nGenes(), null);
    int genesInLibrary = space.names.length;
    int firstBackground = space.firstBackground;
    int nBackground = genesInLibrary - firstBackground;
    SplittableRandom rnd = RandomStreams.of(o.seed(), -10);
    int n = o.nSamples();
    // Responders first by count, then shuffled, so the split is exact for the fraction.
    boolean[] responder = new boolean[n];
    int nR = (int) Math.round(n * o.responderFraction());
    for (int i = 0; i < nR; i++) {
      responder[i] = true;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      boolean t = responder[i];
      responder[i] = responder[j];
      responder[j] = t;
    }
    double[] burden = new double[n];
    for (int i = 0; i < n; i++) {
      double centre = responder[i] ? o.rInvadedFraction() : o.nrInvadedFraction();
      burden[i] = Math.min(1, Math.max(0, centre + 0.08 * RandomStreams.gaussian(rnd)));
    }
    double mean = 0;
    for (double b : burden) {
      mean += b / n;
    }
    double var = 0;
    for (double b : burden) {
      var += (b - mean) * (b - mean) / Math.max(1, n - 1);
    }
    double sd = Math.max(Math.sqrt(var), 1e-9);
    double baseRate = Math.log(2) / o.medianPfsMonths();
    double[][] batchFactors = new double[o.nBatches()][];
    double[] batchLibrary = new double[o.nBatches()];
    for (int b = 0; b < o.nBatches(); b++) {
      SplittableRandom br = RandomStreams.of(o.seed(), -20 - b);
      batchLibrary[b] = Math.exp(o.batchLibrarySdLog() * RandomStreams.gaussian(br));
      double[] f = new double[genesInLibrary];
      for (int j = 0; j < f.length; j++) {
        f[j] = Math.exp(o.batchGeneSdLog() * RandomStreams.gaussian(br));
      }
      // A few background genes of the batch's own (a reagent lot, a contaminant): on in this batch only.
      for (int k = 0; k < o.batchGenes() && nBackground > 0; k++) {
        f[firstBackground + br.nextInt(nBackground)] *= o.batchGeneFold();
      }
      batchFactors[b] = f;
    }
    for (int i = 0; i < n; i++) {
      double rate = baseRate * Math.pow(o.hazardRatio(), (burden[i] - mean) / sd);
      double time = -Math.log(1 - rnd.nextDouble()) / rate;
      boolean progressed = time <= o.followUpMonths();
      double pfs = Math.round(Math.min(time, o.followUpMonths()) * 10) / 10.0;
      int b = i % o.nBatches();
      TumourSection.Options t = template;
      TumourSection.Options section = new TumourSection.Options(t.nCells(), t.nGenes(), RandomStreams.mix(o.seed(), i),
          t.mouse(), t.umiScale() * batchLibrary[b], t.librarySdLog(), t.geneSdLog(), t.tumourFraction(),
          t.nervesPerMm2(), burden[i], t.markerFold(), t.injuryFold(), t.myelinLossFold(), t.inflammationFold(),
          t.inflammationRangeUm(), responder[i] ? o.rExhaustionFold() : o.nrExhaustionFold(), t.exhaustionRangeUm(),
          t.cgrpRangeUm(), t.m2Strength(), t.attackFold(), t.attackRadiusUm(), t.damagedFraction(),
          t.doubletFraction());
      patients.add(new Patient(String.format(Locale.ROOT, "P%02d", i + 1), responder[i], "B" + (b + 1), burden[i], pfs,
          progressed, section, batchFactors[b]));
    }
  }

  public Options options() {
    return options;
  }

  public List<Patient> patients() {
    return patients;
  }

  /** Patient {@code i}'s section, with its batch's gene factors. */
  public TumourSection section(int i) {
    Patient p = patients.get(i);
    return new TumourSection(p.section(), library, null, p.geneFactor(), options.seed());
  }
}
