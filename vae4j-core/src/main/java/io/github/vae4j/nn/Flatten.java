package io.github.vae4j.nn;

import io.github.vae4j.tensor.Tensor;

/**
 * Flattens every axis but the first: [n, d1, d2, ...] -> [n, d1 * d2 * ...], as PyTorch's
 * {@code nn.Flatten()} (the bridge from a conv encoder to its linear heads). A view when the input
 * is contiguous.
 */
public final class Flatten extends Layer {

  public Flatten() {
  }

  @Override
  public Tensor forward(Tensor x) {
    if (x.rank() < 1) {
      throw new IllegalArgumentException("Flatten needs a batch axis, got a scalar");
    }
    int n = x.dim(0);
    return x.reshape(n, n == 0 ? 0 : x.size() / n);
  }
}
