package io.github.vae4j.prior;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.github.vae4j.prob.Normal;
import io.github.vae4j.tensor.Tensor;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Which prior a model has, as configs and the command line name it: {@code standard},
 * {@code mog:K} (a learned mixture of K Gaussians) or {@code vamp:K} (VampPrior with K
 * pseudo-inputs). JSON holds the same text.
 */
public sealed interface PriorSpec {

  /** N(0, I). */
  record Standard() implements PriorSpec {
    @Override
    public String toString() {
      return "standard";
    }
  }

  /** A learned mixture of {@code components} Gaussians. */
  record Mixture(int components) implements PriorSpec {
    public Mixture {
      checkComponents(components, "mog");
    }

    @Override
    public String toString() {
      return "mog:" + components;
    }
  }

  /** VampPrior with {@code components} pseudo-inputs. */
  record Vamp(int components) implements PriorSpec {
    public Vamp {
      checkComponents(components, "vamp");
    }

    @Override
    public String toString() {
      return "vamp:" + components;
    }
  }

  static PriorSpec standard() {
    return new Standard();
  }

  static PriorSpec mixture(int components) {
    return new Mixture(components);
  }

  static PriorSpec vamp(int components) {
    return new Vamp(components);
  }

  /** The spec's text, as {@link #parse} reads it. */
  @JsonValue
  default String text() {
    return toString();
  }

  /** Reads "standard", "mog:K" or "vamp:K". */
  @JsonCreator
  static PriorSpec parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("prior must be standard, mog:K or vamp:K, got null");
    }
    if (text.equals("standard")) {
      return standard();
    }
    int colon = text.indexOf(':');
    String kind = colon < 0 ? text : text.substring(0, colon);
    if ((kind.equals("mog") || kind.equals("vamp")) && colon > 0) {
      int k;
      try {
        k = Integer.parseInt(text.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("prior " + kind + ":K needs a whole number of components, got '" + text + "'");
      }
      return kind.equals("mog") ? mixture(k) : vamp(k);
    }
    throw new IllegalArgumentException("prior must be standard, mog:K or vamp:K, got '" + text + "'");
  }

  /**
   * Builds the prior for codes of {@code latentDim}; VampPrior also needs the model's input shape
   * and encoder. Draws initial parameters from {@code random} (the standard normal draws nothing).
   */
  default Prior build(int latentDim, int[] inputShape, Function<Tensor, Normal> encoder, RandomGenerator random) {
    return switch (this) {
      case Standard _ -> new StandardNormalPrior(latentDim);
      case Mixture m -> new GaussianMixturePrior(m.components(), latentDim, random);
      case Vamp v -> new VampPrior(v.components(), latentDim, inputShape, encoder, random);
    };
  }

  private static void checkComponents(int components, String kind) {
    if (components < 1) {
      throw new IllegalArgumentException("prior " + kind + ":K needs K >= 1 components, got " + components);
    }
  }
}
