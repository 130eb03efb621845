package io.github.vae4j.tensor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Finite-difference gradient check: compares autodiff gradients of sum(f(inputs) * R), for a fixed
 * random R, with central differences, in float32 with a step and tolerance suited to it.
 */
final class GradCheck {

  private GradCheck() {
  }

  static void check(Function<Tensor[], Tensor> f, Tensor... inputs) {
    check(f, 1e-2f, 2e-2, inputs);
  }

  static void check(Function<Tensor[], Tensor> f, float eps, double tolerance, Tensor... inputs) {
    for (Tensor t : inputs) {
      t.requiresGrad(true);
      t.zeroGrad();
    }
    Tensor out = f.apply(inputs);
    Tensor weights = Tensor.uniform(new SplittableRandom(7), 0.5f, 1.5f, out.shape());
    out.mul(weights).sum().backward();
    for (int which = 0; which < inputs.length; which++) {
      Tensor t = inputs[which];
      float[] analytic = t.gradArray() == null ? new float[t.size()] : t.gradArray().clone();
      float[] values = t.array();
      for (int i = 0; i < values.length; i++) {
        float saved = values[i];
        values[i] = saved + eps;
        double plus = evaluate(f, weights, inputs);
        values[i] = saved - eps;
        double minus = evaluate(f, weights, inputs);
        values[i] = saved;
        double numeric = (plus - minus) / (2 * eps);
        double err = Math.abs(numeric - analytic[i]);
        double scale = Math.max(1.0, Math.max(Math.abs(numeric), Math.abs(analytic[i])));
        assertTrue(err <= tolerance * scale, "input " + which + " element " + i + ": autodiff "
            + analytic[i] + " vs finite difference " + numeric);
      }
    }
  }

  private static double evaluate(Function<Tensor[], Tensor> f, Tensor weights, Tensor[] inputs) {
    try (GradMode _ = GradMode.noGrad()) {
      float[] out = f.apply(inputs).toArray();
      float[] w = weights.toArray();
      double s = 0;
      for (int i = 0; i < out.length; i++) {
        s += (double) out[i] * w[i];
      }
      return s;
    }
  }

  /** A leaf of the given shape with values uniform in [low, high). */
  static Tensor input(long seed, float low, float high, int... shape) {
    return Tensor.uniform(new SplittableRandom(seed), low, high, shape);
  }
}
