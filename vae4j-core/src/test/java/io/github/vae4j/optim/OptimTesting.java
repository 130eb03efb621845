package io.github.vae4j.optim;

import io.github.vae4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** Helpers for optimizer tests: parameters from values, gradients set exactly. */
final class OptimTesting {

  private OptimTesting() {
  }

  static Tensor param(float... values) {
    return Tensor.of(values, values.length).requiresGrad(true);
  }

  /** Makes {@code g} the gradient of {@code p}, exactly: d(sum(p * g))/dp = g. */
  static void setGrad(Tensor p, float... g) {
    p.zeroGrad();
    p.mul(Tensor.of(g, g.length)).sum().backward();
  }

  /** The tensors under names p0, p1, ... in order. */
  static Map<String, Tensor> named(Tensor... params) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (int i = 0; i < params.length; i++) {
      out.put("p" + i, params[i]);
    }
    return out;
  }

  static double[] toDouble(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  /** Three steps of gradients for a three-element parameter, with a zero and mixed signs. */
  static final float[][] GRADS = {{0.1f, -0.2f, 0.3f}, {-0.5f, 0.4f, 0f}, {1f, 1f, -1f}};

  static final float[] START = {1f, -2f, 0.5f};
}
