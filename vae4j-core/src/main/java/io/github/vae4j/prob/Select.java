package io.github.vae4j.prob;

import io.github.vae4j.tensor.Tensor;

/**
 * Elementwise choice between two branches by a constant 0/1 mask, the {@code where} that the
 * tensor engine does not have: where(m, a, b) = a * m + b * (1 - m).
 *
 * <p>Numerical note: the product is exact for m in {0, 1}, but NaN * 0 and infinity * 0 are NaN,
 * so both branches must be finite everywhere, also where they are not chosen. Callers replace the
 * unsafe inputs of the unused branch with safe values first ({@link #replace}, or a clamp), which
 * also keeps its gradient finite; the mask then zeroes that gradient.
 */
final class Select {

  private Select() {
  }

  /** 1 where |t| < cut, else 0, as a constant tensor of t's shape. */
  static Tensor absBelow(Tensor t, float cut) {
    float[] values = t.toArray();
    float[] mask = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      mask[i] = Math.abs(values[i]) < cut ? 1f : 0f;
    }
    return Tensor.wrap(mask, t.shape());
  }

  /** ifTrue where the mask is 1, ifFalse where it is 0; all three of the same shape. */
  static Tensor where(Tensor mask, Tensor ifTrue, Tensor ifFalse) {
    Tensor inverse = mask.neg().add(1f);
    return ifTrue.mul(mask).add(ifFalse.mul(inverse));
  }

  /** t with the masked elements replaced by {@code value} (no gradient reaches t there). */
  static Tensor replace(Tensor mask, float value, Tensor t) {
    Tensor inverse = mask.neg().add(1f);
    return t.mul(inverse).add(mask.mul(value));
  }
}
