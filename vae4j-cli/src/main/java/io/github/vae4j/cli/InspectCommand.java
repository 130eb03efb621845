package io.github.vae4j.cli;

import io.github.vae4j.model.ModelFile;
import io.github.vae4j.tensor.Tensor;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vae4j inspect}: what a model file holds. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Show what a model file holds, as JSON: configuration, preprocessing, provenance and weights.")
final class InspectCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ModelInput modelInput;

  @Override
  public Integer call() throws Exception {
    PrintWriter console = spec.commandLine().getOut();
    ModelFile.Loaded loaded = modelInput.load();
    Map<String, String> weights = new LinkedHashMap<>();
    for (Map.Entry<String, Tensor> e : loaded.model().namedParameters().entrySet()) {
      weights.put(e.getKey(), Arrays.toString(e.getValue().shape()));
    }
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("file", modelInput.model.toString());
    all.put("format", ModelFile.FORMAT + " v" + ModelFile.VERSION);
    all.put("parameters", loaded.model().parameterCount());
    all.put("config", loaded.model().config());
    all.put("preprocessing", loaded.preprocessing());
    all.put("provenance", loaded.provenance());
    all.put("weights", weights);
    console.println(ModelFile.toJson(all));
    return 0;
  }
}
