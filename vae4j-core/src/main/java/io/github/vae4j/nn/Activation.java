package io.github.vae4j.nn;

import io.github.vae4j.tensor.Tensor;
import java.util.Objects;

/**
 * An elementwise nonlinearity as a layer, without parameters. Shapes: any input, same output.
 *
 * <p>Built by one factory per kind ({@link #relu()}, {@link #leakyRelu(float)}, ...) or from a
 * config's {@link ActivationKind} by {@link #of(ActivationKind)}.
 */
public final class Activation extends Layer {

  /** PyTorch's default negative slope of LeakyReLU. */
  public static final float DEFAULT_LEAKY_SLOPE = 0.01f;

  private final ActivationKind kind;
  /** The negative slope of leaky ReLU or the alpha of ELU; unused otherwise. */
  private final float parameter;

  private Activation(ActivationKind kind, float parameter) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.parameter = parameter;
  }

  /** The activation of this kind with its default parameter (leaky slope 0.01, ELU alpha 1). */
  public static Activation of(ActivationKind kind) {
    return switch (kind) {
      case LEAKY_RELU -> leakyRelu(DEFAULT_LEAKY_SLOPE);
      case ELU -> elu(1f);
      default -> new Activation(kind, 0f);
    };
  }

  public static Activation relu() {
    return new Activation(ActivationKind.RELU, 0f);
  }

  /** x for x >= 0, negativeSlope * x otherwise. */
  public static Activation leakyRelu(float negativeSlope) {
    if (!(negativeSlope >= 0f) || !Float.isFinite(negativeSlope)) {
      throw new IllegalArgumentException("leaky ReLU slope must be a finite number >= 0, got " + negativeSlope);
    }
    return new Activation(ActivationKind.LEAKY_RELU, negativeSlope);
  }

  /** ELU with alpha 1. */
  public static Activation elu() {
    return elu(1f);
  }

  /** x for x > 0, alpha * (exp(x) - 1) otherwise (Clevert et al., arXiv:1511.07289). */
  public static Activation elu(float alpha) {
    if (!(alpha > 0f) || !Float.isFinite(alpha)) {
      throw new IllegalArgumentException("ELU alpha must be a finite number > 0, got " + alpha);
    }
    return new Activation(ActivationKind.ELU, alpha);
  }

  /** GELU, tanh approximation (Hendrycks and Gimpel, arXiv:1606.08415). */
  public static Activation gelu() {
    return new Activation(ActivationKind.GELU, 0f);
  }

  public static Activation tanh() {
    return new Activation(ActivationKind.TANH, 0f);
  }

  public static Activation sigmoid() {
    return new Activation(ActivationKind.SIGMOID, 0f);
  }

  public static Activation softplus() {
    return new Activation(ActivationKind.SOFTPLUS, 0f);
  }

  public static Activation identity() {
    return new Activation(ActivationKind.IDENTITY, 0f);
  }

  @Override
  public Tensor forward(Tensor x) {
    return switch (kind) {
      case RELU -> x.relu();
      case LEAKY_RELU -> x.leakyRelu(parameter);
      case ELU -> x.elu(parameter);
      case GELU -> x.gelu();
      case TANH -> x.tanh();
      case SIGMOID -> x.sigmoid();
      case SOFTPLUS -> x.softplus();
      case IDENTITY -> x;
    };
  }

  public ActivationKind kind() {
    return kind;
  }

  /** The leaky ReLU slope or ELU alpha; 0 for kinds without one. */
  public float parameter() {
    return parameter;
  }

  @Override
  protected String describe() {
    return switch (kind) {
      case LEAKY_RELU -> "leaky_relu, slope=" + parameter;
      case ELU -> "elu, alpha=" + parameter;
      default -> kind.id();
    };
  }
}
