package io.github.vae4j.prob;

import io.github.vae4j.tensor.Tensor;

/**
 * A smooth lower bound: below(t, bound) = bound + softplus(t - bound), which is t (to within
 * e^-(t - bound)) well above the bound, tends to the bound below it, and has gradient
 * sigmoid(t - bound) in (0, 1), so a parameter pushed into the bound still gets a signal back.
 */
final class SoftBound {

  private SoftBound() {
  }

  static Tensor below(Tensor t, float bound) {
    return t.sub(bound).softplus().add(bound);
  }
}
