package io.github.vae4j.optim;

import io.github.vae4j.tensor.Tensor;
import io.github.vae4j.tensor.kernel.Simd;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * Adagrad, following {@code torch.optim.Adagrad}: at a parameter's step t, with gradient g,
 * coupled L2 weight decay λ, learning rate η and learning-rate decay δ,
 * <pre>
 *   g   = g + λ θ
 *   η_t = η / (1 + (t - 1) δ)
 *   s   = s + g²                 (s starts at the initial accumulator value)
 *   θ   = θ - η_t · g / (sqrt(s) + ε)
 * </pre>
 * Buffers: {@code sum}. Duchi, Hazan and Singer, Adaptive Subgradient Methods, JMLR 12 (2011); the
 * optimizer of Kingma and Welling, Auto-Encoding Variational Bayes, arXiv:1312.6114, Section 5.
 */
public final class Adagrad extends Optimizer {

  /**
   * Hyper-parameters, PyTorch's defaults in {@link #defaults()}: lr 1e-2, no learning-rate decay,
   * no weight decay, initial accumulator 0, ε = 1e-10.
   */
  public record Config(double learningRate, double learningRateDecay, double weightDecay,
      double initialAccumulatorValue, double epsilon) {

    public Config {
      checkNonNegative("learningRate", learningRate);
      checkNonNegative("learningRateDecay", learningRateDecay);
      checkNonNegative("weightDecay", weightDecay);
      checkNonNegative("initialAccumulatorValue", initialAccumulatorValue);
      checkNonNegative("epsilon", epsilon);
    }

    public static Config defaults() {
      return new Config(1e-2, 0, 0, 0, 1e-10);
    }

    /** The defaults at this learning rate. */
    public static Config of(double learningRate) {
      return defaults().withLearningRate(learningRate);
    }

    public Config withLearningRate(double value) {
      return new Config(value, learningRateDecay, weightDecay, initialAccumulatorValue, epsilon);
    }

    public Config withLearningRateDecay(double value) {
      return new Config(learningRate, value, weightDecay, initialAccumulatorValue, epsilon);
    }

    public Config withWeightDecay(double value) {
      return new Config(learningRate, learningRateDecay, value, initialAccumulatorValue, epsilon);
    }

    public Config withInitialAccumulatorValue(double value) {
      return new Config(learningRate, learningRateDecay, weightDecay, value, epsilon);
    }

    public Config withEpsilon(double value) {
      return new Config(learningRate, learningRateDecay, weightDecay, initialAccumulatorValue, value);
    }
  }

  private static final String SUM = "sum";

  private final Config config;

  public Adagrad(Map<String, Tensor> namedParameters, Config config) {
    super("adagrad", namedParameters, Objects.requireNonNull(config, "config").learningRate());
    this.config = config;
  }

  public Config config() {
    return config;
  }

  @Override
  ParallelRange.Body update(Slot slot, float[] p, float[] g, double lr) {
    float[] s = slot.buffer(SUM, (float) config.initialAccumulatorValue());
    float clr = (float) (lr / (1 + (slot.step - 1) * config.learningRateDecay()));
    float decay = (float) config.weightDecay();
    float eps = (float) config.epsilon();
    return (from, to) -> {
      for (int i = from; i < to; i++) {
        float grad = g[i] + decay * p[i];
        float si = s[i] + grad * grad;
        s[i] = si;
        float std = (float) Math.sqrt(si) + eps;
        p[i] -= clr * grad / std;
      }
      return Simd.allFinite(p, from, to);
    };
  }

  @Override
  public SequencedMap<String, Double> hyperParameters() {
    LinkedHashMap<String, Double> h = new LinkedHashMap<>();
    h.put("learningRateDecay", config.learningRateDecay());
    h.put("weightDecay", config.weightDecay());
    h.put("initialAccumulatorValue", config.initialAccumulatorValue());
    h.put("epsilon", config.epsilon());
    return h;
  }

  @Override
  List<String> bufferNames() {
    return List.of(SUM);
  }
}
