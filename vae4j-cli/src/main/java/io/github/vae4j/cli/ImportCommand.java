package io.github.vae4j.cli;

import io.github.vae4j.io.NamedTensors;
import io.github.vae4j.io.SafeTensors;
import io.github.vae4j.model.ModelFile;
import io.github.vae4j.model.Preprocessing;
import io.github.vae4j.model.Provenance;
import io.github.vae4j.model.Vae;
import io.github.vae4j.model.VaeConfig;
import io.github.vae4j.run.Vae4j;
import io.github.vae4j.tensor.Tensor;
import io.github.vae4j.tensor.kernel.Gemms;
import io.github.vae4j.tensor.kernel.Simd;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vae4j import}: a model file from weights trained elsewhere, in a safetensors file (what
 * {@code safetensors.torch.save_file(model.state_dict(), ...)} writes; F32, F64, F16 or BF16).
 *
 * <p>The architecture comes from the same options as {@code train}; every parameter of that model
 * must be in the file with its shape, and every tensor in the file must be used. Names are vae4j's
 * ({@code vae4j inspect} lists them), or the PyTorch example's ({@code fc1}, {@code fc21},
 * {@code fc22}, {@code fc3}, {@code fc4}) for its 784-400-20 MLP, recognized by themselves, or any
 * others renamed with {@code --rename}. PyTorch's {@code nn.Linear} stores its weight as [out, in],
 * as vae4j does, so no tensor is transposed.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Make a model file from weights trained elsewhere (a safetensors file, e.g. from PyTorch).")
final class ImportCommand implements Callable<Integer> {

  /** The PyTorch example's module names and vae4j's, for its MLP with one hidden layer. */
  static final Map<String, String> PYTORCH_EXAMPLE = Map.of(
      "fc1", "encoder.1", "fc21", "posterior.mean", "fc22", "posterior.logVariance",
      "fc3", "decoder.0", "fc4", "decoder.2");

  @Spec
  CommandSpec spec;

  @Option(names = "--weights", required = true, description = "The safetensors file.")
  Path weights;

  @Option(names = "--input-shape", required = true, split = ",",
      description = "The shape of one example, e.g. 1,28,28 for MNIST.")
  List<Integer> inputShape;

  @Option(names = "--rename", split = ",", paramLabel = "FROM=TO",
      description = "Rename tensors of the file (a prefix before '.' or a whole name), e.g. fc1=encoder.1.")
  Map<String, String> rename;

  @Option(names = "--binarization", defaultValue = "none",
      description = "How the data was binarized in training: none, static or dynamic (default: ${DEFAULT-VALUE}).")
  String binarization;

  @Option(names = "--out", required = true, description = "The model file to write.")
  Path out;

  @Mixin
  ModelOptions model;

  @Override
  public Integer call() throws Exception {
    PrintWriter console = spec.commandLine().getOut();
    if (!Files.isRegularFile(weights)) {
      throw new IllegalArgumentException("file not found: " + weights);
    }
    NamedTensors file = SafeTensors.read(weights);
    VaeConfig config = model.config(inputShape, List.of(400));
    Vae vae = new Vae(config, new SplittableRandom(0));
    Map<String, Tensor> byName = renamed(file.tensors(), vae);
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Tensor> p : vae.namedParameters().entrySet()) {
      Tensor t = byName.remove(p.getKey());
      if (t == null) {
        problems.add("missing " + p.getKey() + " " + Arrays.toString(p.getValue().shape()));
      } else if (!Arrays.equals(t.shape(), p.getValue().shape())) {
        problems.add(p.getKey() + " is " + Arrays.toString(t.shape()) + ", the model needs "
            + Arrays.toString(p.getValue().shape()));
      } else {
        float[] values = t.toArray();
        for (float v : values) {
          if (!Float.isFinite(v)) {
            throw new IllegalArgumentException(weights + ": " + p.getKey() + " holds " + v);
          }
        }
        System.arraycopy(values, 0, p.getValue().array(), 0, values.length);
      }
    }
    if (!byName.isEmpty()) {
      problems.add("unused " + String.join(", ", byName.keySet()));
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(weights + " does not fit " + describe(config) + ": "
          + String.join("; ", problems) + " (vae4j inspect lists a model's names; --rename maps others)");
    }
    Provenance provenance = new Provenance(Vae4j.version(), 0, "trained outside vae4j", "imported from " + weights.getFileName(),
        sha256(weights), Runtime.version().toString(), Vae4j.backend(), Instant.now().toString(),
        Map.of());
    ModelFile.save(out, vae, new Preprocessing("unit", binarization), provenance);
    console.printf(Locale.ROOT, "imported %d tensors (%,d parameters) from %s as %s; saved to %s%n",
        vae.namedParameters().size(), vae.parameterCount(), weights, describe(config), out);
    return 0;
  }

  /** The file's tensors under vae4j's names: --rename first, else the PyTorch example's if they all fit. */
  private Map<String, Tensor> renamed(Map<String, Tensor> tensors, Vae vae) {
    Map<String, String> prefixes = rename != null ? rename : Map.of();
    if (prefixes.isEmpty() && !tensors.keySet().containsAll(vae.namedParameters().keySet())) {
      boolean example = !tensors.isEmpty() && tensors.keySet().stream()
          .allMatch(n -> PYTORCH_EXAMPLE.containsKey(n.substring(0, Math.max(0, n.indexOf('.')))));
      if (example) {
        prefixes = PYTORCH_EXAMPLE;
      }
    }
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      String name = e.getKey();
      int dot = name.indexOf('.');
      String prefix = dot < 0 ? name : name.substring(0, dot);
      String target = prefixes.containsKey(name) ? prefixes.get(name)
          : prefixes.containsKey(prefix) ? prefixes.get(prefix) + name.substring(prefix.length()) : name;
      if (out.put(target, e.getValue()) != null) {
        throw new IllegalArgumentException("two tensors of " + weights + " would both be named " + target);
      }
    }
    return out;
  }

  private static String describe(VaeConfig c) {
    return c.architecture() + " " + c.hidden() + " -> " + c.latentDim() + " latent dims, " + c.likelihood()
        + " likelihood";
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
