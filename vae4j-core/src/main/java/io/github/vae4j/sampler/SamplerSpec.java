package io.github.vae4j.sampler;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where generated codes come from, as the command line names it: {@code prior}, the model's p(z),
 * or {@code gmm:K}, a K-component {@link GaussianMixtureSampler} fitted to the aggregate posterior.
 */
public sealed interface SamplerSpec {

  /** Draw from the model's prior. */
  record Prior() implements SamplerSpec {
    @Override
    public String toString() {
      return "prior";
    }
  }

  /** Draw from a fitted mixture of {@code components} Gaussians. */
  record Mixture(int components) implements SamplerSpec {
    public Mixture {
      if (components < 1) {
        throw new IllegalArgumentException("sampler gmm:K needs K >= 1 components, got " + components);
      }
    }

    @Override
    public String toString() {
      return "gmm:" + components;
    }
  }

  @JsonValue
  default String text() {
    return toString();
  }

  /** Reads "prior" or "gmm:K". */
  @JsonCreator
  static SamplerSpec parse(String text) {
    if ("prior".equals(text)) {
      return new Prior();
    }
    if (text != null && text.startsWith("gmm:")) {
      try {
        return new Mixture(Integer.parseInt(text.substring(4)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("sampler gmm:K needs a whole number of components, got '" + text + "'");
      }
    }
    throw new IllegalArgumentException("sampler must be prior or gmm:K, got '" + text + "'");
  }
}
