package io.github.vae4j.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where a saved model came from: the vae4j version, the seed, the objective it was trained on (as
 * {@code Objective.name()} gives it), the training data and its SHA-256,
 * the Java runtime, the compute backends (matrix products and elementwise kernels, such as
 * {@code openblas+vector-api}: a model is reproducible bit for bit on the same ones), when it was
 * made and its final metrics.
 */
public record Provenance(
    String vae4jVersion,
    long seed,
    String objective,
    String data,
    String dataSha256,
    String javaVersion,
    String backend,
    String created,
    Map<String, Double> metrics) {

  public Provenance {
    metrics = metrics == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(metrics));
  }
}
