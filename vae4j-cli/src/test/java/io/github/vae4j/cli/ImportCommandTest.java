package io.github.vae4j.cli;

import static io.github.vae4j.cli.Cli.fails;
import static io.github.vae4j.cli.Cli.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.io.SafeTensors;
import io.github.vae4j.model.ModelFile;
import io.github.vae4j.model.Vae;
import io.github.vae4j.model.VaeConfig;
import io.github.vae4j.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import}: weights from a safetensors file under vae4j's, PyTorch's or renamed names. */
class ImportCommandTest {

  private static final String[] SHAPE = {"--input-shape", "1,4,4", "--hidden", "8", "--latent", "2"};

  @TempDir
  Path dir;

  /** A model of the shape above with seeded random weights: what another trainer would have made. */
  private static Vae source() {
    VaeConfig config = VaeConfig.defaults(List.of(1, 4, 4)).withHidden(List.of(8)).withLatentDim(2);
    return new Vae(config, new SplittableRandom(7));
  }

  /** The source's weights under the PyTorch example's names (fc1, fc21, fc22, fc3, fc4). */
  private static Map<String, Tensor> pytorchNames(Vae vae) {
    Map<String, String> back = new LinkedHashMap<>();
    ImportCommand.PYTORCH_EXAMPLE.forEach((torch, ours) -> back.put(ours, torch));
    Map<String, Tensor> out = new LinkedHashMap<>();
    vae.namedParameters().forEach((name, t) -> {
      String prefix = name.substring(0, name.lastIndexOf('.'));
      out.put(back.get(prefix) + name.substring(prefix.length()), t);
    });
    return out;
  }

  private String[] args(Path weights, Path out, String... more) {
    List<String> a = new java.util.ArrayList<>(List.of("import", "--weights", weights.toString(), "--out", out.toString()));
    a.addAll(List.of(SHAPE));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  private static void assertSameWeights(Vae expected, Path modelFile) throws IOException {
    Map<String, Tensor> got = ModelFile.load(modelFile).model().namedParameters();
    assertEquals(expected.namedParameters().keySet(), got.keySet());
    expected.namedParameters().forEach((name, t) -> assertArrayEquals(t.toArray(), got.get(name).toArray(), name));
  }

  @Test
  void readsThePyTorchExampleNames() throws IOException {
    Vae vae = source();
    Path weights = dir.resolve("torch.safetensors");
    SafeTensors.write(weights, pytorchNames(vae), Map.of());
    Path out = dir.resolve("model.vae");
    String printed = ok(args(weights, out)).out();
    assertTrue(printed.startsWith("imported 10 tensors (" + vae.parameterCount() + " parameters)"), printed);
    assertSameWeights(vae, out);
    assertEquals("imported from torch.safetensors", ModelFile.load(out).provenance().data());
  }

  @Test
  void readsVae4jNamesAndRenamedOnes() throws IOException {
    Vae vae = source();
    Path same = dir.resolve("same.safetensors");
    SafeTensors.write(same, vae.namedParameters(), Map.of());
    ok(args(same, dir.resolve("a.vae")));
    assertSameWeights(vae, dir.resolve("a.vae"));

    Map<String, Tensor> odd = new LinkedHashMap<>();
    vae.namedParameters().forEach((name, t) -> odd.put(name.replace("encoder.1", "enc.fc"), t));
    Path renamed = dir.resolve("odd.safetensors");
    SafeTensors.write(renamed, odd, Map.of());
    ok(args(renamed, dir.resolve("b.vae"), "--rename", "enc.fc.weight=encoder.1.weight,enc.fc.bias=encoder.1.bias"));
    assertSameWeights(vae, dir.resolve("b.vae"));
  }

  @Test
  void aMismatchNamesEveryProblemAndWritesNothing() throws IOException {
    Map<String, Tensor> tensors = new LinkedHashMap<>(source().namedParameters());
    tensors.remove("decoder.2.bias");
    tensors.put("extra", Tensor.zeros(3));
    Path weights = dir.resolve("bad.safetensors");
    SafeTensors.write(weights, tensors, Map.of());
    Path out = dir.resolve("never.vae");
    String message = fails(args(weights, out));
    assertTrue(message.contains("missing decoder.2.bias [16]"), message);
    assertTrue(message.contains("unused extra"), message);
    assertFalse(Files.exists(out));

    Path good = dir.resolve("good.safetensors");
    SafeTensors.write(good, source().namedParameters(), Map.of());
    String shape = fails("import", "--weights", good.toString(), "--out", out.toString(), "--input-shape", "1,4,4",
        "--hidden", "8", "--latent", "3");
    assertTrue(shape.contains("posterior.mean.weight is [2, 8], the model needs [3, 8]"), shape);
  }

  @Test
  void nonFiniteWeightsAndMissingFilesAreRefused() throws IOException {
    Map<String, Tensor> tensors = new LinkedHashMap<>(source().namedParameters());
    float[] w = tensors.get("decoder.0.bias").toArray();
    w[1] = Float.NaN;
    tensors.put("decoder.0.bias", Tensor.wrap(w, w.length));
    Path weights = dir.resolve("nan.safetensors");
    SafeTensors.write(weights, tensors, Map.of());
    assertTrue(fails(args(weights, dir.resolve("x.vae"))).contains("decoder.0.bias holds NaN"));
    assertTrue(fails(args(dir.resolve("absent.safetensors"), dir.resolve("x.vae"))).startsWith("file not found"));
  }
}
