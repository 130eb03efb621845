package io.github.vae4j.nn;

import io.github.vae4j.tensor.Tensor;

/**
 * A module with one input and one output, the unit {@link Sequential} chains.
 *
 * <p>Shapes are the layer's own business and are documented on each: a {@link Linear} takes
 * [..., in] to [..., out], a {@link Conv2d} [n, c, h, w] to [n, o, h', w'].
 */
public abstract class Layer extends Module {

  protected Layer() {
  }

  /** Applies the layer; records the autodiff graph unless run under {@code GradMode.noGrad()}. */
  public abstract Tensor forward(Tensor x);
}
