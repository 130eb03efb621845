package io.github.vae4j.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.vae4j.io.FileFormatException;
import io.github.vae4j.io.Json;
import io.github.vae4j.io.NamedTensors;
import io.github.vae4j.io.SafeTensors;
import io.github.vae4j.prob.LikelihoodSpec;
import io.github.vae4j.sampler.GaussianMixtureSampler;
import io.github.vae4j.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.SplittableRandom;

/**
 * A saved VAE: one safetensors file, so Python's {@code safetensors} package reads the weights
 * directly, with the configuration, preprocessing and provenance as JSON in its metadata.
 *
 * <p>Metadata keys: "format" = "vae4j-model", "format_version", "config", "preprocessing",
 * "provenance". Reading validates the format and version, rebuilds the model from the config
 * (through the record's constructor, so validation runs) and checks that every weight is present
 * with the right shape and no extra one is there.
 *
 * <p>A post-hoc sampler fitted to the aggregate posterior ({@link GaussianMixtureSampler}) may be
 * stored beside the weights, as the tensors "sampler.*" and the metadata key "sampler" ("gmm:K").
 *
 * <p>Versions: 2 added the config's "prior", the provenance's "objective" and the optional sampler, and writes the likelihood
 * as one spec ("gaussian:0.5") where version 1 wrote a name and a "likelihoodScale". Files of version 1, written before priors were
 * objects, load as models with the standard normal prior they had.
 */
public final class ModelFile {

  public static final String FORMAT = "vae4j-model";
  public static final int VERSION = 2;

  // strict: a misspelt or missing field is reported as such, not as the default value it leaves
  private static final ObjectMapper JSON = Json.mapper();

  /** A loaded model with what was saved beside it; the sampler is empty when none was fitted. */
  public record Loaded(Vae model, Preprocessing preprocessing, Provenance provenance,
      Optional<GaussianMixtureSampler> sampler) {
  }

  private ModelFile() {
  }

  public static void save(Path file, Vae model, Preprocessing preprocessing, Provenance provenance) throws IOException {
    save(file, model, preprocessing, provenance, Optional.empty());
  }

  /** Saves the model with a post-hoc sampler beside it. */
  public static void save(Path file, Vae model, Preprocessing preprocessing, Provenance provenance,
      Optional<GaussianMixtureSampler> sampler) throws IOException {
    SequencedMap<String, String> metadata = new LinkedHashMap<>();
    metadata.put("format", FORMAT);
    metadata.put("format_version", Integer.toString(VERSION));
    metadata.put("config", JSON.writeValueAsString(model.config()));
    metadata.put("preprocessing", JSON.writeValueAsString(preprocessing));
    metadata.put("provenance", JSON.writeValueAsString(provenance));
    SequencedMap<String, Tensor> tensors = new LinkedHashMap<>(model.namedParameters());
    if (sampler.isPresent()) {
      if (sampler.get().latentDim() != model.latentDim()) {
        throw new IllegalArgumentException("a sampler of " + sampler.get().latentDim() + "-dimensional codes does not"
            + " fit a model of " + model.latentDim());
      }
      metadata.put("sampler", sampler.get().toString());
      tensors.putAll(sampler.get().tensors());
    }
    SafeTensors.write(file, tensors, metadata);
  }

  public static Loaded load(Path file) throws IOException {
    NamedTensors contents = SafeTensors.read(file);
    Map<String, String> meta = contents.metadata();
    if (!FORMAT.equals(meta.get("format"))) {
      throw new FileFormatException(file, "not a vae4j model (metadata format is " + meta.get("format")
          + ", expected " + FORMAT + ")");
    }
    String version = meta.get("format_version");
    if (!"1".equals(version) && !Integer.toString(VERSION).equals(version)) {
      throw new FileFormatException(file, "model format version " + version + " is not supported (expected 1 to "
          + VERSION + ")");
    }
    VaeConfig config = "1".equals(version) ? parseVersionOne(file, meta) : parse(file, meta, "config", VaeConfig.class);
    Preprocessing preprocessing = parse(file, meta, "preprocessing", Preprocessing.class);
    Provenance provenance = "1".equals(version) ? parseVersionOneProvenance(file, meta)
        : parse(file, meta, "provenance", Provenance.class);
    Vae model = new Vae(config, new SplittableRandom(0));
    Map<String, Tensor> params = model.namedParameters();
    for (Map.Entry<String, Tensor> e : params.entrySet()) {
      Tensor saved = contents.tensors().get(e.getKey());
      if (saved == null) {
        throw new FileFormatException(file, "weight '" + e.getKey() + "' is missing");
      }
      if (!Arrays.equals(saved.shape(), e.getValue().shape())) {
        throw new FileFormatException(file, "weight '" + e.getKey() + "' has shape " + Arrays.toString(saved.shape())
            + ", the config needs " + Arrays.toString(e.getValue().shape()));
      }
      if (!saved.isFinite()) {
        throw new FileFormatException(file, "weight '" + e.getKey() + "' holds NaN or infinite values");
      }
      e.getValue().copyFrom(saved);
    }
    Optional<GaussianMixtureSampler> sampler = Optional.empty();
    if (meta.containsKey("sampler")) {
      Tensor means = contents.tensors().get("sampler.means");
      Tensor logVariances = contents.tensors().get("sampler.logVariances");
      Tensor logWeights = contents.tensors().get("sampler.logWeights");
      if (means == null || logVariances == null || logWeights == null) {
        throw new FileFormatException(file, "sampler '" + meta.get("sampler") + "' is missing some of its tensors");
      }
      try {
        GaussianMixtureSampler gmm = new GaussianMixtureSampler(means.toArray(), logVariances.toArray(),
            logWeights.toArray());
        if (gmm.latentDim() != config.latentDim() || !gmm.toString().equals(meta.get("sampler"))) {
          throw new IllegalArgumentException("it holds " + gmm + " over " + gmm.latentDim() + " dimensions");
        }
        sampler = Optional.of(gmm);
      } catch (IllegalArgumentException e) {
        throw new FileFormatException(file, "sampler '" + meta.get("sampler") + "' is invalid: " + e.getMessage());
      }
    }
    for (String name : contents.tensors().keySet()) {
      if (!params.containsKey(name) && !(sampler.isPresent() && name.startsWith("sampler."))) {
        throw new FileFormatException(file, "unexpected weight '" + name + "' for this config");
      }
    }
    return new Loaded(model, preprocessing, provenance, sampler);
  }

  private static <T> T parse(Path file, Map<String, String> meta, String key, Class<T> type) {
    String text = meta.get(key);
    if (text == null) {
      throw new FileFormatException(file, "metadata '" + key + "' is missing");
    }
    try {
      return JSON.readValue(text, type);
    } catch (JsonProcessingException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
      throw new FileFormatException(file, "metadata '" + key + "' is invalid: " + firstLine(cause.getMessage()));
    }
  }

  /** A version-1 config: the same fields without "prior", which was always the standard normal. */
  private static VaeConfig parseVersionOne(Path file, Map<String, String> meta) {
    String text = meta.get("config");
    if (text == null) {
      throw new FileFormatException(file, "metadata 'config' is missing");
    }
    try {
      JsonNode tree = JSON.readTree(text);
      if (!(tree instanceof ObjectNode object) || object.has("prior")) {
        throw new FileFormatException(file, "metadata 'config' of a version-1 model must be an object without 'prior'");
      }
      object.put("prior", "standard");
      // version 1 wrote the likelihood as a name and a scale read only by gaussian and laplace
      JsonNode scale = object.remove("likelihoodScale");
      if (object.path("likelihood").isTextual() && scale != null && scale.isNumber()) {
        object.put("likelihood", LikelihoodSpec.of(object.get("likelihood").asText(),
            scale.asDouble()).text());
      }
      return JSON.treeToValue(object, VaeConfig.class);
    } catch (JsonProcessingException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
      throw new FileFormatException(file, "metadata 'config' is invalid: " + firstLine(cause.getMessage()));
    }
  }

  /** A version-1 provenance: the same fields without "objective", which that version did not record. */
  private static Provenance parseVersionOneProvenance(Path file, Map<String, String> meta) {
    String text = meta.get("provenance");
    if (text == null) {
      throw new FileFormatException(file, "metadata 'provenance' is missing");
    }
    try {
      JsonNode tree = JSON.readTree(text);
      if (!(tree instanceof ObjectNode object)) {
        throw new FileFormatException(file, "metadata 'provenance' must be an object");
      }
      object.put("objective", "not recorded (model format 1)");
      return JSON.treeToValue(object, Provenance.class);
    } catch (JsonProcessingException e) {
      throw new FileFormatException(file, "metadata 'provenance' is invalid: " + firstLine(e.getMessage()));
    }
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }

  /** The config as JSON, for reports and {@code inspect}. */
  public static String toJson(Object value) {
    return Json.pretty(value);
  }
}
