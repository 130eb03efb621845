package io.github.vae4j.optim;

import io.github.vae4j.tensor.Tensor;
import io.github.vae4j.tensor.kernel.Simd;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and coupled L2
 * weight decay, following {@code torch.optim.SGD}: with g the gradient, λ the weight decay,
 * μ the momentum, τ the dampening and η the learning rate,
 * <pre>
 *   d = g + λ θ
 *   b = d                      at a parameter's first step (μ ≠ 0)
 *   b = μ b + (1 - τ) d        afterwards
 *   d = d + μ b  (Nesterov)    or  d = b
 *   θ = θ - η d
 * </pre>
 * Buffers: {@code momentum_buffer} when μ ≠ 0. Sutskever et al., On the importance of
 * initialization and momentum in deep learning, ICML 2013.
 */
public final class Sgd extends Optimizer {

  /**
   * Hyper-parameters, PyTorch's defaults in {@link #defaults()}: lr 1e-3, no momentum, no
   * dampening, no weight decay, no Nesterov.
   */
  public record Config(double learningRate, double momentum, double dampening, double weightDecay,
      boolean nesterov) {

    public Config {
      checkNonNegative("learningRate", learningRate);
      checkNonNegative("momentum", momentum);
      if (!(dampening >= 0 && dampening <= 1)) {
        throw new IllegalArgumentException("dampening must be in [0, 1], got " + dampening);
      }
      checkNonNegative("weightDecay", weightDecay);
      if (nesterov && (momentum <= 0 || dampening != 0)) {
        throw new IllegalArgumentException("Nesterov momentum needs momentum > 0 and dampening 0, got momentum "
            + momentum + " and dampening " + dampening);
      }
    }

    public static Config defaults() {
      return new Config(1e-3, 0, 0, 0, false);
    }

    /** Plain SGD at this learning rate. */
    public static Config of(double learningRate) {
      return defaults().withLearningRate(learningRate);
    }

    public Config withLearningRate(double value) {
      return new Config(value, momentum, dampening, weightDecay, nesterov);
    }

    public Config withMomentum(double value) {
      return new Config(learningRate, value, dampening, weightDecay, nesterov);
    }

    public Config withDampening(double value) {
      return new Config(learningRate, momentum, value, weightDecay, nesterov);
    }

    public Config withWeightDecay(double value) {
      return new Config(learningRate, momentum, dampening, value, nesterov);
    }

    public Config withNesterov(boolean value) {
      return new Config(learningRate, momentum, dampening, weightDecay, value);
    }
  }

  private static final String MOMENTUM_BUFFER = "momentum_buffer";

  private final Config config;

  public Sgd(Map<String, Tensor> namedParameters, Config config) {
    super("sgd", namedParameters, Objects.requireNonNull(config, "config").learningRate());
    this.config = config;
  }

  public Config config() {
    return config;
  }

  @Override
  ParallelRange.Body update(Slot slot, float[] p, float[] g, double lr) {
    float eta = (float) lr;
    float decay = (float) config.weightDecay();
    if (config.momentum() == 0) {
      return (from, to) -> {
        for (int i = from; i < to; i++) {
          float d = g[i] + decay * p[i];
          p[i] -= eta * d;
        }
        return Simd.allFinite(p, from, to);
      };
    }
    boolean first = !slot.hasBuffer(MOMENTUM_BUFFER);
    float[] b = slot.buffer(MOMENTUM_BUFFER, 0f);
    float mu = (float) config.momentum();
    float keep = (float) (1 - config.dampening());
    boolean nesterov = config.nesterov();
    return (from, to) -> {
      for (int i = from; i < to; i++) {
        float d = g[i] + decay * p[i];
        float buf = first ? d : mu * b[i] + keep * d;
        b[i] = buf;
        p[i] -= eta * (nesterov ? d + mu * buf : buf);
      }
      return Simd.allFinite(p, from, to);
    };
  }

  @Override
  public SequencedMap<String, Double> hyperParameters() {
    LinkedHashMap<String, Double> h = new LinkedHashMap<>();
    h.put("momentum", config.momentum());
    h.put("dampening", config.dampening());
    h.put("weightDecay", config.weightDecay());
    h.put("nesterov", config.nesterov() ? 1.0 : 0.0);
    return h;
  }

  @Override
  List<String> bufferNames() {
    return config.momentum() == 0 ? List.of() : List.of(MOMENTUM_BUFFER);
  }
}
