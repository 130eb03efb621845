package io.github.vae4j.objective;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.github.vae4j.tensor.Tensor;
import java.util.Locale;

/**
 * The kernels of the maximum mean discrepancy, over codes of d dimensions with bandwidth σ:
 * {@code rbf}, k(a, b) = exp(-‖a - b‖² / (2 d σ²)), and {@code imq}, the inverse multiquadric
 * k(a, b) = C / (C + ‖a - b‖²) with C = 2 d σ², whose heavier tails keep a gradient for codes far
 * from the prior's (Tolstikhin et al. 2018, Section 4).
 */
public enum MmdKernel {
  RBF, IMQ;

  /** The kernel matrix [n, m] between a [n, d] and b [m, d]. */
  Tensor matrix(Tensor a, Tensor b, double bandwidth) {
    int d = a.dim(1);
    Tensor squaredA = a.square().sum(1).reshape(a.dim(0), 1);
    Tensor squaredB = b.square().sum(1).reshape(1, b.dim(0));
    // ‖a - b‖² = ‖a‖² + ‖b‖² - 2 a·b, floored at 0 against rounding
    Tensor distances = squaredA.add(squaredB).sub(a.matmul(b.transpose(0, 1)).mul(2f)).clamp(0f, Float.MAX_VALUE);
    float scale = (float) (2 * d * bandwidth * bandwidth);
    return switch (this) {
      case RBF -> distances.mul(-1f / scale).exp();
      case IMQ -> distances.add(scale).pow(-1f).mul(scale);
    };
  }

  /**
   * The unbiased estimate of MMD² between samples a [n, d] and b [m, d] (n, m &gt;= 2):
   * the mean of k over distinct pairs within a, and within b, minus twice the mean over a x b.
   * Gretton et al., A Kernel Two-Sample Test, JMLR 2012, Lemma 6.
   */
  Tensor mmd(Tensor a, Tensor b, double bandwidth) {
    int n = a.dim(0);
    int m = b.dim(0);
    if (n < 2 || m < 2) {
      throw new IllegalArgumentException("the MMD needs at least 2 samples on each side, got " + n + " and " + m);
    }
    // the diagonal of k(a, a) is k(0) = 1 for both kernels
    Tensor within = matrix(a, a, bandwidth).sum().sub(n).mul(1f / (n * (n - 1f)))
        .add(matrix(b, b, bandwidth).sum().sub(m).mul(1f / (m * (m - 1f))));
    return within.sub(matrix(a, b, bandwidth).sum().mul(2f / ((float) n * m)));
  }

  /** Reads "rbf" or "imq". */
  @JsonCreator
  public static MmdKernel parse(String text) {
    return switch (text == null ? "" : text) {
      case "rbf" -> RBF;
      case "imq" -> IMQ;
      default -> throw new IllegalArgumentException("the MMD kernel must be rbf or imq, got '" + text + "'");
    };
  }

  @JsonValue
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
