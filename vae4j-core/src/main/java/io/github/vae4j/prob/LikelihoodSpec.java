package io.github.vae4j.prob;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Which likelihood a model's decoder parameterizes, with its parameter where it has one, as
 * configs and the command line write it: {@code bernoulli}, {@code continuous-bernoulli},
 * {@code gaussian[:σ]} (σ fixed, 1 by default), {@code gaussian-learned},
 * {@code gaussian-per-sample} or {@code laplace[:b]} (b fixed, 1 by default). JSON holds the same
 * text. {@link Likelihood}'s table says what each is.
 */
public sealed interface LikelihoodSpec {

  /** Bernoulli or continuous Bernoulli over logits. */
  record Logits(String name) implements LikelihoodSpec {
    public Logits {
      if (!Likelihood.BERNOULLI.equals(name) && !Likelihood.CONTINUOUS_BERNOULLI.equals(name)) {
        throw new IllegalArgumentException("a logits likelihood is bernoulli or continuous-bernoulli, got '" + name + "'");
      }
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** A Gaussian with fixed σ, or a Laplace with fixed scale b. */
  record FixedScale(String name, double scale) implements LikelihoodSpec {
    public FixedScale {
      if (!Likelihood.GAUSSIAN.equals(name) && !Likelihood.LAPLACE.equals(name)) {
        throw new IllegalArgumentException("a fixed-scale likelihood is gaussian or laplace, got '" + name + "'");
      }
      if (!(scale > 0) || !Double.isFinite(scale)) {
        throw new IllegalArgumentException("likelihoodScale must be a positive number, got " + scale);
      }
    }

    @Override
    public String toString() {
      return scale == 1.0 ? name : name + ":" + scale;
    }
  }

  /** A Gaussian whose σ is learned: one per feature, or one per sample from the decoder. */
  record LearnedScale(String name) implements LikelihoodSpec {
    public LearnedScale {
      if (!Likelihood.GAUSSIAN_LEARNED.equals(name) && !Likelihood.GAUSSIAN_PER_SAMPLE.equals(name)) {
        throw new IllegalArgumentException("a learned-scale likelihood is gaussian-learned or gaussian-per-sample, got '"
            + name + "'");
      }
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** The likelihood's name, one of {@link Likelihood#names()}. */
  String name();

  /** σ or b for the fixed-scale likelihoods; 1 for the others. */
  default double scale() {
    return this instanceof FixedScale f ? f.scale() : 1.0;
  }

  /** The likelihood for data of the given feature shape (without the batch axis). */
  default Likelihood build(int... featureShape) {
    return Likelihood.named(name(), scale(), featureShape);
  }

  /** True for the likelihoods whose data must lie in [0, 1]. */
  default boolean needsUnitInterval() {
    return this instanceof Logits;
  }

  /** From a name and a scale (read only by gaussian and laplace), as the command line's --likelihood and --sigma give them. */
  static LikelihoodSpec of(String name, double scale) {
    if (name == null || !Likelihood.names().contains(name)) {
      throw new IllegalArgumentException("unknown likelihood '" + name + "'; expected one of " + Likelihood.names());
    }
    if (!(scale > 0) || !Double.isFinite(scale)) {
      throw new IllegalArgumentException("likelihoodScale must be a positive number, got " + scale);
    }
    return switch (name) {
      case Likelihood.BERNOULLI, Likelihood.CONTINUOUS_BERNOULLI -> new Logits(name);
      case Likelihood.GAUSSIAN, Likelihood.LAPLACE -> new FixedScale(name, scale);
      default -> new LearnedScale(name);
    };
  }

  /** The spec's text, as {@link #parse} reads it. */
  @JsonValue
  default String text() {
    return toString();
  }

  /** Reads "bernoulli", "gaussian:0.5", "laplace", ... */
  @JsonCreator
  static LikelihoodSpec parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("likelihood must be given; expected one of " + Likelihood.names());
    }
    int colon = text.indexOf(':');
    if (colon < 0) {
      return of(text, 1.0);
    }
    String name = text.substring(0, colon);
    if (!Likelihood.GAUSSIAN.equals(name) && !Likelihood.LAPLACE.equals(name)) {
      throw new IllegalArgumentException("only gaussian:SIGMA and laplace:SCALE take a parameter, got '" + text + "'");
    }
    try {
      return of(name, Double.parseDouble(text.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("likelihood '" + text + "' needs a number after the colon");
    }
  }
}
