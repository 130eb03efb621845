package io.github.vae4j.optim;

import io.github.vae4j.tensor.Tensor;
import io.github.vae4j.tensor.kernel.Simd;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * Adam, following {@code torch.optim.Adam}: at a parameter's step t, with gradient g, coupled L2
 * weight decay λ and learning rate η,
 * <pre>
 *   g  = g + λ θ
 *   m  = β1 m + (1 - β1) g
 *   v  = β2 v + (1 - β2) g²
 *   v̂max = max(v̂max, v)                       (AMSGrad only; used in place of v below)
 *   θ  = θ - η / (1 - β1^t) · m / (sqrt(v) / sqrt(1 - β2^t) + ε)
 * </pre>
 * ε is added after the square root of the bias-corrected second moment, as PyTorch does.
 * Buffers: {@code exp_avg}, {@code exp_avg_sq}, and {@code max_exp_avg_sq} with AMSGrad.
 *
 * <p>Kingma and Ba, Adam: A Method for Stochastic Optimization, arXiv:1412.6980, Algorithm 1;
 * AMSGrad: Reddi et al., On the Convergence of Adam and Beyond, ICLR 2018. {@link AdamW} is this
 * update with decoupled weight decay.
 */
public sealed class Adam extends Optimizer permits AdamW {

  /**
   * Hyper-parameters, PyTorch's defaults in {@link #defaults()}: lr 1e-3, β = (0.9, 0.999),
   * ε = 1e-8, no weight decay, no AMSGrad.
   */
  public record Config(double learningRate, double beta1, double beta2, double epsilon, double weightDecay,
      boolean amsgrad) {

    public Config {
      checkNonNegative("learningRate", learningRate);
      checkUnitInterval("beta1", beta1);
      checkUnitInterval("beta2", beta2);
      checkNonNegative("epsilon", epsilon);
      checkNonNegative("weightDecay", weightDecay);
    }

    public static Config defaults() {
      return new Config(1e-3, 0.9, 0.999, 1e-8, 0, false);
    }

    /** The defaults at this learning rate. */
    public static Config of(double learningRate) {
      return defaults().withLearningRate(learningRate);
    }

    public Config withLearningRate(double value) {
      return new Config(value, beta1, beta2, epsilon, weightDecay, amsgrad);
    }

    public Config withBetas(double b1, double b2) {
      return new Config(learningRate, b1, b2, epsilon, weightDecay, amsgrad);
    }

    public Config withEpsilon(double value) {
      return new Config(learningRate, beta1, beta2, value, weightDecay, amsgrad);
    }

    public Config withWeightDecay(double value) {
      return new Config(learningRate, beta1, beta2, epsilon, value, amsgrad);
    }

    public Config withAmsgrad(boolean value) {
      return new Config(learningRate, beta1, beta2, epsilon, weightDecay, value);
    }
  }

  private static final String EXP_AVG = "exp_avg";
  private static final String EXP_AVG_SQ = "exp_avg_sq";
  private static final String MAX_EXP_AVG_SQ = "max_exp_avg_sq";

  private final Config config;
  private final boolean decoupled;

  /** Adam with coupled L2 weight decay (the gradient gains λ θ). */
  public Adam(Map<String, Tensor> namedParameters, Config config) {
    this("adam", namedParameters, config, false);
  }

  Adam(String kind, Map<String, Tensor> namedParameters, Config config, boolean decoupled) {
    super(kind, namedParameters, Objects.requireNonNull(config, "config").learningRate());
    this.config = config;
    this.decoupled = decoupled;
  }

  public final Config config() {
    return config;
  }

  /**
   * Moments below 1e-30 in magnitude become 0. A parameter whose gradient stays 0 (the weights of
   * an always-black MNIST pixel, a dead ReLU unit) has moments that decay geometrically until they
   * are subnormal floats, and arithmetic on subnormals is ten to a hundred times slower on x86:
   * within a few hundred steps the whole update slows down. Their contribution to a step is below
   * lr * 1e-30 / eps, about 1e-25, so flushing them changes nothing measurable. The common case
   * (no AMSGrad, β1 > 0.5) runs in {@link Simd#adam}, which flushes the same way.
   */
  static float flushTiny(float x) {
    return Math.abs(x) < 1e-30f ? 0f : x;
  }

  @Override
  final ParallelRange.Body update(Slot slot, float[] p, float[] g, double lr) {
    long t = slot.step;
    double beta1 = config.beta1();
    double beta2 = config.beta2();
    float[] m = slot.buffer(EXP_AVG, 0f);
    float[] v = slot.buffer(EXP_AVG_SQ, 0f);
    float[] vMax = config.amsgrad() ? slot.buffer(MAX_EXP_AVG_SQ, 0f) : null;
    // scalars in double, as PyTorch computes them in Python floats
    double biasCorrection1 = 1 - Math.pow(beta1, t);
    double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
    float stepSize = (float) (lr / biasCorrection1);
    float bc2Sqrt = (float) biasCorrection2Sqrt;
    // m follows torch.lerp(m, g, w): m + w (g - m) for w < 0.5, else g - (g - m)(1 - w)
    float w = (float) (1 - beta1);
    boolean smallWeight = w < 0.5f;
    float oneMinusW = 1f - w;
    float b2 = (float) beta2;
    float oneMinusBeta2 = (float) (1 - beta2);
    float eps = (float) config.epsilon();
    float coupledDecay = decoupled ? 0f : (float) config.weightDecay();
    float shrink = decoupled ? (float) (1 - lr * config.weightDecay()) : 1f;
    if (vMax == null && smallWeight) {
      Simd.AdamScalars scalars = new Simd.AdamScalars(shrink, coupledDecay, w, b2, oneMinusBeta2, bc2Sqrt, eps,
          stepSize);
      return (from, to) -> Simd.adam(p, g, m, v, from, to, scalars);
    }
    return (from, to) -> {
      for (int i = from; i < to; i++) {
        float theta = p[i] * shrink;
        float grad = g[i] + coupledDecay * theta;
        float diff = grad - m[i];
        float mi = flushTiny(smallWeight ? m[i] + w * diff : grad - diff * oneMinusW);
        float vi = flushTiny(b2 * v[i] + oneMinusBeta2 * grad * grad);
        m[i] = mi;
        v[i] = vi;
        float second = vi;
        if (vMax != null) {
          second = Math.max(vMax[i], vi);
          vMax[i] = second;
        }
        float denom = (float) Math.sqrt(second) / bc2Sqrt + eps;
        p[i] = theta - stepSize * mi / denom;
      }
      return Simd.allFinite(p, from, to);
    };
  }

  @Override
  public final SequencedMap<String, Double> hyperParameters() {
    LinkedHashMap<String, Double> h = new LinkedHashMap<>();
    h.put("beta1", config.beta1());
    h.put("beta2", config.beta2());
    h.put("epsilon", config.epsilon());
    h.put("weightDecay", config.weightDecay());
    h.put("amsgrad", config.amsgrad() ? 1.0 : 0.0);
    return h;
  }

  @Override
  final List<String> bufferNames() {
    return config.amsgrad() ? List.of(EXP_AVG, EXP_AVG_SQ, MAX_EXP_AVG_SQ) : List.of(EXP_AVG, EXP_AVG_SQ);
  }
}
