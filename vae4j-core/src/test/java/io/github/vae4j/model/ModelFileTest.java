package io.github.vae4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.io.FileFormatException;
import io.github.vae4j.io.SafeTensors;
import io.github.vae4j.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelFileTest {

  @TempDir
  Path dir;

  private static final VaeConfig CONFIG = new VaeConfig(List.of(1, 6, 5), "mlp", List.of(8), 3, "relu",
      "gaussian-learned", 1, "pytorch");
  private static final Preprocessing PREPROCESSING = new Preprocessing("unit", "dynamic");
  private static final Provenance PROVENANCE = new Provenance("test", 7, "elbo", "sprites:10", "abc", "25", "java",
      "2025-01-01T00:00:00Z", Map.of("train_loss", 12.5, "val_loss", Double.NaN));

  private static Vae trainedLooking(VaeConfig config) {
    Vae vae = new Vae(config, new SplittableRandom(11));
    // give the likelihood's own parameter values that differ from its initial zeros
    SplittableRandom random = new SplittableRandom(12);
    for (Tensor t : vae.namedParameters().values()) {
      float[] v = t.array();
      for (int i = 0; i < v.length; i++) {
        v[i] += (float) random.nextGaussian() * 1e-3f;
      }
    }
    return vae;
  }

  private static void assertBitIdentical(Vae expected, Vae actual) {
    assertEquals(expected.namedParameters().keySet(), actual.namedParameters().keySet());
    expected.namedParameters().forEach((name, t) -> {
      float[] a = t.array();
      float[] b = actual.namedParameters().get(name).array();
      assertEquals(a.length, b.length, name);
      for (int i = 0; i < a.length; i++) {
        assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]), name + "[" + i + "]");
      }
    });
  }

  @Test
  void roundTripGivesBitIdenticalWeightsAndEqualMetadata() throws IOException {
    Vae model = trainedLooking(CONFIG);
    Path file = dir.resolve("model.vae");
    ModelFile.save(file, model, PREPROCESSING, PROVENANCE);
    ModelFile.Loaded loaded = ModelFile.load(file);
    assertEquals(CONFIG, loaded.model().config());
    assertEquals(PREPROCESSING, loaded.preprocessing());
    assertEquals(PROVENANCE, loaded.provenance());
    assertTrue(loaded.provenance().metrics().get("val_loss").isNaN());
    assertBitIdentical(model, loaded.model());
    Tensor x = Tensor.rand(new SplittableRandom(1), 2, 1, 6, 5);
    assertArrayEquals(model.reconstruct(x).toArray(), loaded.model().reconstruct(x).toArray());
  }

  @ParameterizedTest
  @ValueSource(strings = {"mog:3", "vamp:4"})
  void learnedPriorsRoundTripWithTheirParameters(String prior) throws IOException {
    VaeConfig config = CONFIG.withPrior(io.github.vae4j.prior.PriorSpec.parse(prior));
    Vae model = trainedLooking(config);
    // parameters of the prior that differ from their initial values
    model.namedParameters().forEach((name, t) -> {
      if (name.startsWith("prior.")) {
        t.array()[0] += 0.25f;
      }
    });
    Path file = dir.resolve("model.vae");
    ModelFile.save(file, model, PREPROCESSING, PROVENANCE);
    ModelFile.Loaded loaded = ModelFile.load(file);
    assertEquals(config, loaded.model().config());
    assertBitIdentical(model, loaded.model());
    Tensor z = Tensor.randn(new SplittableRandom(1), 5, 3);
    assertArrayEquals(model.prior().logProb(z).toArray(), loaded.model().prior().logProb(z).toArray());
  }

  @Test
  void aFittedSamplerIsStoredBesideTheWeights() throws IOException {
    Vae model = trainedLooking(CONFIG);
    var sampler = io.github.vae4j.sampler.GaussianMixtureSampler.fit(
        Tensor.randn(new SplittableRandom(3), 50, 3).toArray(), 50, 3, 4, new SplittableRandom(4));
    Path file = dir.resolve("model.vae");
    ModelFile.save(file, model, PREPROCESSING, PROVENANCE, java.util.Optional.of(sampler));
    ModelFile.Loaded loaded = ModelFile.load(file);
    assertEquals("gmm:4", loaded.sampler().orElseThrow().toString());
    assertArrayEquals(sampler.tensors().get("sampler.means").toArray(),
        loaded.sampler().orElseThrow().tensors().get("sampler.means").toArray());
    assertBitIdentical(model, loaded.model());
    assertTrue(ModelFile.load(saved(model)).sampler().isEmpty());
  }

  private Path saved(Vae model) throws IOException {
    Path file = dir.resolve("plain.vae");
    ModelFile.save(file, model, PREPROCESSING, PROVENANCE);
    return file;
  }

  @Test
  void convModelsRoundTripToo() throws IOException {
    VaeConfig conv = new VaeConfig(List.of(1, 27, 19), "conv", List.of(4, 8), 2, "elu", "bernoulli", 1, "he_normal");
    Vae model = trainedLooking(conv);
    Path file = dir.resolve("conv.vae");
    ModelFile.save(file, model, new Preprocessing("none", "none"), PROVENANCE);
    ModelFile.Loaded loaded = ModelFile.load(file);
    assertEquals(conv, loaded.model().config());
    assertBitIdentical(model, loaded.model());
  }

  @Test
  void theFileIsSafetensorsThatOtherToolsCanRead() throws IOException {
    Path file = dir.resolve("model.vae");
    Vae model = trainedLooking(CONFIG);
    ModelFile.save(file, model, PREPROCESSING, PROVENANCE);
    var contents = SafeTensors.read(file);
    assertEquals(model.namedParameters().keySet(), contents.tensors().keySet());
    assertEquals(ModelFile.FORMAT, contents.metadata().get("format"));
    assertEquals("2", contents.metadata().get("format_version"));
    assertTrue(contents.metadata().get("config").contains("\"latentDim\":3"));
  }

  // ---------------------------------------------------------------- bad files

  private Path saveThen(Consumer<SequencedMap<String, Tensor>> editTensors,
      Consumer<SequencedMap<String, String>> editMetadata) throws IOException {
    Path good = dir.resolve("good.vae");
    ModelFile.save(good, trainedLooking(CONFIG), PREPROCESSING, PROVENANCE);
    var contents = SafeTensors.read(good);
    SequencedMap<String, Tensor> tensors = new LinkedHashMap<>(contents.tensors());
    SequencedMap<String, String> metadata = new LinkedHashMap<>(contents.metadata());
    editTensors.accept(tensors);
    editMetadata.accept(metadata);
    Path bad = dir.resolve("bad.vae");
    SafeTensors.write(bad, tensors, metadata);
    return bad;
  }

  private static String loadFails(Path file) {
    FileFormatException e = assertThrows(FileFormatException.class, () -> ModelFile.load(file));
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    return e.problem();
  }

  private Path metadata(String key, String value) throws IOException {
    return saveThen(t -> { }, m -> {
      if (value == null) {
        m.remove(key);
      } else {
        m.put(key, value);
      }
    });
  }

  @Test
  void wrongFormatTag() throws IOException {
    assertEquals("not a vae4j model (metadata format is something-else, expected vae4j-model)",
        loadFails(metadata("format", "something-else")));
    assertEquals("not a vae4j model (metadata format is null, expected vae4j-model)",
        loadFails(metadata("format", null)));
  }

  @Test
  void unsupportedVersion() throws IOException {
    assertEquals("model format version 3 is not supported (expected 1 to 2)", loadFails(metadata("format_version", "3")));
  }

  @Test
  void missingWeight() throws IOException {
    Path file = saveThen(t -> t.remove("decoder.2.bias"), m -> { });
    assertEquals("weight 'decoder.2.bias' is missing", loadFails(file));
  }

  @Test
  void unexpectedWeight() throws IOException {
    Path file = saveThen(t -> t.put("decoder.9.weight", Tensor.zeros(2, 2)), m -> { });
    assertEquals("unexpected weight 'decoder.9.weight' for this config", loadFails(file));
  }

  @Test
  void wrongShape() throws IOException {
    Path file = saveThen(t -> t.put("posterior.mean.weight", Tensor.zeros(3, 9)), m -> { });
    assertEquals("weight 'posterior.mean.weight' has shape [3, 9], the config needs [3, 8]", loadFails(file));
  }

  @ParameterizedTest
  @ValueSource(floats = {Float.NaN, Float.POSITIVE_INFINITY})
  void nonFiniteWeight(float bad) throws IOException {
    Path file = saveThen(t -> {
      Tensor w = t.get("encoder.1.weight").copy();
      w.array()[5] = bad;
      t.put("encoder.1.weight", w);
    }, m -> { });
    assertEquals("weight 'encoder.1.weight' holds NaN or infinite values", loadFails(file));
  }

  @Test
  void badConfigJson() throws IOException {
    assertTrue(loadFails(metadata("config", "{\"inputShape\": [1, 6")).startsWith("metadata 'config' is invalid: "));
    String json = ModelFile.toJson(CONFIG);
    assertEquals("metadata 'config' is invalid: latentDim must be >= 1, got 0",
        loadFails(metadata("config", json.replace("\"latentDim\" : 3", "\"latentDim\" : 0"))));
    assertEquals("metadata 'config' is invalid: inputShape must be a list of dimensions, got null",
        loadFails(metadata("config", json.replaceAll("\"inputShape\" : \\[[^]]*]", "\"inputShape\" : null"))));
    String unknown = loadFails(metadata("config", json.replace("\"latentDim\"", "\"latentDims\"")));
    // the misspelt field leaves latentDim missing, which is what the message names
    assertTrue(unknown.contains("'latentDim'"), unknown);
    assertEquals("metadata 'config' is missing", loadFails(metadata("config", null)));
  }

  @Test
  void badPreprocessingJson() throws IOException {
    assertEquals("metadata 'preprocessing' is invalid: scaling must be 'unit' or 'none', got 'z'",
        loadFails(metadata("preprocessing", "{\"scaling\":\"z\",\"binarization\":\"none\"}")));
  }

  @Test
  void truncatedFile() throws IOException {
    Path good = dir.resolve("good.vae");
    ModelFile.save(good, trainedLooking(CONFIG), PREPROCESSING, PROVENANCE);
    byte[] bytes = Files.readAllBytes(good);
    for (int length : new int[] {0, 5, 8, 100, bytes.length / 2, bytes.length - 1}) {
      Path cut = dir.resolve("cut.vae");
      Files.write(cut, Arrays.copyOf(bytes, length));
      loadFails(cut);
    }
  }

  @Test
  void garbageFile() throws IOException {
    Path file = dir.resolve("garbage.vae");
    byte[] noise = new byte[4096];
    new SplittableRandom(1).nextBytes(noise);
    Files.write(file, noise);
    loadFails(file);
    Files.writeString(file, "this is a text file, not a model\n");
    loadFails(file);
  }

  @Test
  void toJsonIsPrettyAndParsable() {
    String json = ModelFile.toJson(CONFIG);
    assertTrue(json.contains("\n"));
    assertTrue(json.contains("\"architecture\" : \"mlp\""), json);
  }
}
