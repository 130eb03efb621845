package io.github.vae4j.nn;

import io.github.vae4j.tensor.Tensor;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Inverted dropout: in training mode each element is zeroed with probability p and the others are
 * scaled by 1 / (1 - p), so the expectation is unchanged; in evaluation mode, the identity.
 * Shapes: any input, same output.
 *
 * <p>Masks are drawn from the generator given at construction, so a seeded run drops the same units.
 * Srivastava et al., Dropout, JMLR 15 (2014).
 */
public final class Dropout extends Layer {

  private final float probability;
  private final RandomGenerator random;

  public Dropout(float probability, RandomGenerator random) {
    if (!(probability >= 0f && probability < 1f)) {
      throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + probability);
    }
    this.probability = probability;
    this.random = Objects.requireNonNull(random, "random");
  }

  @Override
  public Tensor forward(Tensor x) {
    return x.dropout(probability, isTraining(), random);
  }

  public float probability() {
    return probability;
  }

  @Override
  protected String describe() {
    return "p=" + probability;
  }
}
