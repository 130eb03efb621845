package io.github.vae4j.cli;

import io.github.vae4j.data.Dataset;
import io.github.vae4j.model.LatentSpace;
import io.github.vae4j.model.ModelFile;
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

/** {@code vae4j interpolate}: decodings along a path between the codes of two examples. */
@Command(name = "interpolate", mixinStandardHelpOptions = true,
    description = "Interpolate between two examples' posterior means, linearly or on the great circle (slerp).")
final class InterpolateCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ModelInput modelInput;

  @Mixin
  DataInput dataInput;

  @Option(names = "--from", defaultValue = "0", description = "Index of the first example (default: ${DEFAULT-VALUE}).")
  int from;

  @Option(names = "--to", defaultValue = "1", description = "Index of the second example (default: ${DEFAULT-VALUE}).")
  int to;

  @Option(names = "--steps", defaultValue = "10", description = "Points on the path, ends included (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--method", defaultValue = "linear", description = "linear or spherical (default: ${DEFAULT-VALUE}).")
  String method;

  @Option(names = "--out", defaultValue = "interpolation.png", description = "PNG (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() throws Exception {
    PrintWriter console = spec.commandLine().getOut();
    OutputFormat.requirePng(out);
    ModelFile.Loaded loaded = modelInput.load();
    Vae model = loaded.model();
    Dataset data = dataInput.load(model, loaded.preprocessing(), 1);
    for (int index : new int[] {from, to}) {
      if (index < 0 || index >= data.count()) {
        throw new IllegalArgumentException("example index " + index + " is out of range: the split has " + data.count()
            + " examples");
      }
    }
    float[] codes = Pictures.encodeMeans(model, data, new int[] {from, to});
    int d = model.latentDim();
    float[] a = java.util.Arrays.copyOfRange(codes, 0, d);
    float[] b = java.util.Arrays.copyOfRange(codes, d, 2 * d);
    float[] path = switch (method) {
      case "linear" -> LatentSpace.linear(a, b, steps);
      case "spherical" -> LatentSpace.spherical(a, b, steps);
      default -> throw new IllegalArgumentException("--method must be linear or spherical, got '" + method + "'");
    };
    Pictures.decoded(out, model, path, steps, method + " interpolation from example " + from + " to " + to);
    console.println("wrote " + out);
    return 0;
  }
}
