package io.github.vae4j.optim;

import io.github.vae4j.tensor.Tensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gradient clipping by global norm, as {@code torch.nn.utils.clip_grad_norm_}: with
 * N = sqrt(Σ_params Σ_i g_i²), every gradient is scaled by maxNorm / (N + 1e-6) when that factor is
 * below 1, so the joint gradient direction is kept and its norm capped near maxNorm.
 *
 * <p>Parameters without a gradient are ignored. The norm is summed in double, in the order given,
 * so it is deterministic. Pascanu, Mikolov and Bengio, On the difficulty of training recurrent
 * neural networks, arXiv:1211.5063, Algorithm 1.
 */
public final class GradClip {

  private static final Logger LOG = LoggerFactory.getLogger(GradClip.class);

  /** Added to the norm before dividing, as PyTorch does. */
  static final double EPSILON = 1e-6;

  private GradClip() {
  }

  /** The global L2 norm of the gradients of {@code parameters} (0 when none has a gradient). */
  public static double globalNorm(Iterable<Tensor> parameters) {
    double sum = 0;
    for (Tensor p : parameters) {
      float[] g = p.gradArray();
      if (g == null) {
        continue;
      }
      double local = 0;
      for (float v : g) {
        local += (double) v * v;
      }
      sum += local;
    }
    return Math.sqrt(sum);
  }

  /**
   * Scales the gradients in place so their global norm is at most about {@code maxNorm}.
   *
   * <p>A non-finite norm (a NaN or infinite gradient) leaves the gradients untouched: the caller sees
   * it in the returned value and can skip the step.
   *
   * @return the global norm before clipping
   */
  public static double clipGlobalNorm(Iterable<Tensor> parameters, double maxNorm) {
    if (!(maxNorm > 0) || !Double.isFinite(maxNorm)) {
      throw new IllegalArgumentException("maxNorm must be a finite number > 0, got " + maxNorm);
    }
    double norm = globalNorm(parameters);
    if (!Double.isFinite(norm)) {
      LOG.debug("gradient norm is {}; gradients left unclipped", norm);
      return norm;
    }
    double coefficient = maxNorm / (norm + EPSILON);
    if (coefficient < 1) {
      float c = (float) coefficient;
      for (Tensor p : parameters) {
        float[] g = p.gradArray();
        if (g == null) {
          continue;
        }
        for (int i = 0; i < g.length; i++) {
          g[i] *= c;
        }
      }
    }
    return norm;
  }
}
