package io.github.vae4j.optim;

import io.github.vae4j.tensor.Tensor;
import io.github.vae4j.tensor.kernel.Simd;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * RMSprop, following {@code torch.optim.RMSprop}: with gradient g, coupled L2 weight decay λ,
 * smoothing α, momentum μ and learning rate η,
 * <pre>
 *   g = g + λ θ
 *   v = α v + (1 - α) g²
 *   a = sqrt(v - ḡ²) + ε   with ḡ = α ḡ + (1 - α) g     (centered)
 *   a = sqrt(v) + ε                                     (otherwise)
 *   b = μ b + g / a;  θ = θ - η b                       (μ > 0)
 *   θ = θ - η g / a                                     (μ = 0)
 * </pre>
 * Buffers: {@code square_avg}, {@code momentum_buffer} when μ > 0, {@code grad_avg} when centered.
 * Tieleman and Hinton, Lecture 6.5, COURSERA: Neural Networks for Machine Learning (2012);
 * centered form: Graves, Generating Sequences With Recurrent Neural Networks, arXiv:1308.0850.
 */
public final class RmsProp extends Optimizer {

  /**
   * Hyper-parameters, PyTorch's defaults in {@link #defaults()}: lr 1e-2, α = 0.99, ε = 1e-8, no
   * weight decay, no momentum, not centered.
   */
  public record Config(double learningRate, double alpha, double epsilon, double weightDecay, double momentum,
      boolean centered) {

    public Config {
      checkNonNegative("learningRate", learningRate);
      checkUnitInterval("alpha", alpha);
      checkNonNegative("epsilon", epsilon);
      checkNonNegative("weightDecay", weightDecay);
      checkNonNegative("momentum", momentum);
    }

    public static Config defaults() {
      return new Config(1e-2, 0.99, 1e-8, 0, 0, false);
    }

    /** The defaults at this learning rate. */
    public static Config of(double learningRate) {
      return defaults().withLearningRate(learningRate);
    }

    public Config withLearningRate(double value) {
      return new Config(value, alpha, epsilon, weightDecay, momentum, centered);
    }

    public Config withAlpha(double value) {
      return new Config(learningRate, value, epsilon, weightDecay, momentum, centered);
    }

    public Config withEpsilon(double value) {
      return new Config(learningRate, alpha, value, weightDecay, momentum, centered);
    }

    public Config withWeightDecay(double value) {
      return new Config(learningRate, alpha, epsilon, value, momentum, centered);
    }

    public Config withMomentum(double value) {
      return new Config(learningRate, alpha, epsilon, weightDecay, value, centered);
    }

    public Config withCentered(boolean value) {
      return new Config(learningRate, alpha, epsilon, weightDecay, momentum, value);
    }
  }

  private static final String SQUARE_AVG = "square_avg";
  private static final String MOMENTUM_BUFFER = "momentum_buffer";
  private static final String GRAD_AVG = "grad_avg";

  private final Config config;

  public RmsProp(Map<String, Tensor> namedParameters, Config config) {
    super("rmsprop", namedParameters, Objects.requireNonNull(config, "config").learningRate());
    this.config = config;
  }

  public Config config() {
    return config;
  }

  @Override
  ParallelRange.Body update(Slot slot, float[] p, float[] g, double lr) {
    float[] v = slot.buffer(SQUARE_AVG, 0f);
    float[] b = config.momentum() > 0 ? slot.buffer(MOMENTUM_BUFFER, 0f) : null;
    float[] gAvg = config.centered() ? slot.buffer(GRAD_AVG, 0f) : null;
    float a = (float) config.alpha();
    // ḡ follows torch.lerp(ḡ, g, w) with w = 1 - α: ḡ + w (g - ḡ) for w < 0.5, else g - (g - ḡ)(1 - w)
    float w = (float) (1 - config.alpha());
    boolean smallWeight = w < 0.5f;
    float oneMinusW = 1f - w;
    float eta = (float) lr;
    float decay = (float) config.weightDecay();
    float eps = (float) config.epsilon();
    float mu = (float) config.momentum();
    return (from, to) -> {
      for (int i = from; i < to; i++) {
        float grad = g[i] + decay * p[i];
        float vi = a * v[i] + w * grad * grad;
        v[i] = vi;
        float avg;
        if (gAvg != null) {
          float diff = grad - gAvg[i];
          float gi = smallWeight ? gAvg[i] + w * diff : grad - diff * oneMinusW;
          gAvg[i] = gi;
          avg = (float) Math.sqrt(vi + -1f * gi * gi) + eps;
        } else {
          avg = (float) Math.sqrt(vi) + eps;
        }
        if (b != null) {
          float bi = mu * b[i] + grad / avg;
          b[i] = bi;
          p[i] += -eta * bi;
        } else {
          p[i] += -eta * grad / avg;
        }
      }
      return Simd.allFinite(p, from, to);
    };
  }

  @Override
  public SequencedMap<String, Double> hyperParameters() {
    LinkedHashMap<String, Double> h = new LinkedHashMap<>();
    h.put("alpha", config.alpha());
    h.put("epsilon", config.epsilon());
    h.put("weightDecay", config.weightDecay());
    h.put("momentum", config.momentum());
    h.put("centered", config.centered() ? 1.0 : 0.0);
    return h;
  }

  @Override
  List<String> bufferNames() {
    List<String> names = new ArrayList<>(List.of(SQUARE_AVG));
    if (config.momentum() > 0) {
      names.add(MOMENTUM_BUFFER);
    }
    if (config.centered()) {
      names.add(GRAD_AVG);
    }
    return List.copyOf(names);
  }
}
