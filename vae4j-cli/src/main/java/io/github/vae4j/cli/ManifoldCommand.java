package io.github.vae4j.cli;

import io.github.vae4j.model.Vae;
import io.github.vae4j.report.Pictures;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vae4j manifold}: the AEVB paper's Figure 4 for a model with a 2-D latent space. */
@Command(name = "manifold", mixinStandardHelpOptions = true,
    description = "Draw the learned manifold of a 2-D latent model: decodings over a grid spaced through the inverse "
        + "Gaussian CDF (Kingma and Welling, Figure 4).")
final class ManifoldCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ModelInput modelInput;

  @Option(names = "--side", defaultValue = "20", description = "Grid side (default: ${DEFAULT-VALUE}).")
  int side;

  @Option(names = "--out", defaultValue = "manifold.png", description = "PNG (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() throws Exception {
    PrintWriter console = spec.commandLine().getOut();
    OutputFormat.requirePng(out);
    Vae model = modelInput.load().model();
    Pictures.manifold(out, model, side);
    console.println("wrote " + out);
    return 0;
  }
}
