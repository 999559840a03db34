package org.myelin.cli;

import java.util.concurrent.Callable;
import org.myelin.core.score.GeneSet;
import org.myelin.io.gmt.BuiltinSignatures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code myelin signatures}: the built-in gene-set library. */
@Command(name = "signatures", mixinStandardHelpOptions = true,
    description = "List the built-in gene signatures (seeds/README.md gives each one's source) as TSV on stdout: "
        + "name, species, genes, description.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  myelin signatures",
        "  myelin signatures --species mouse --genes > sets.tsv"})
final class SignaturesCommand implements Callable<Integer> {

  @Option(names = "--genes", description = "Print each set's genes too, comma-separated, in a fifth column.")
  boolean genes;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    out.println("name\tspecies\tgenes\tdescription" + (genes ? "\tgene_list" : ""));
    for (BuiltinSignatures.Species s : BuiltinSignatures.Species.values()) {
      for (GeneSet set : BuiltinSignatures.load(s)) {
        out.println(set.name() + "\t" + s.name().toLowerCase(java.util.Locale.ROOT) + "\t" + set.genes().size() + "\t"
            + set.description() + (genes ? "\t" + String.join(",", set.genes()) : ""));
      }
    }
    out.flush();
    return 0;
  }
}
