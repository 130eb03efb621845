package io.github.vae4j.nn;

import io.github.vae4j.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How a layer draws its initial weight and bias. Every draw comes from the {@link RandomGenerator}
 * passed in, so a seed fixes the whole network.
 *
 * <p>With {@link Fans} fanIn and fanOut of the weight, and gain g:
 * <ul>
 *   <li>{@link #pytorchDefault()}: W ~ U(-1/sqrt(fanIn), 1/sqrt(fanIn)), b ~ the same. This is
 *       PyTorch's {@code reset_parameters} for Linear and Conv, kaiming_uniform with a = sqrt(5),
 *       and the default of every layer here, so models match PyTorch examples.</li>
 *   <li>{@link #xavierUniform(double)}: W ~ U(-a, a), a = g * sqrt(6 / (fanIn + fanOut)); b = 0.
 *       {@link #xavierNormal(double)}: W ~ N(0, g^2 * 2 / (fanIn + fanOut)); b = 0. Glorot and
 *       Bengio, Understanding the difficulty of training deep feedforward neural networks,
 *       AISTATS 2010.</li>
 *   <li>{@link #heUniform(double)}: W ~ U(-a, a), a = g * sqrt(3 / fanIn); {@link #heNormal(double)}:
 *       W ~ N(0, g^2 / fanIn); g = sqrt(2 / (1 + slope^2)) for a (leaky) ReLU of that negative slope;
 *       b = 0. He et al., Delving Deep into Rectifiers, arXiv:1502.01852.</li>
 *   <li>{@link #normal(double)}: W and b ~ N(0, std^2). Kingma and Welling initialize every
 *       parameter from N(0, 0.01) (Auto-Encoding Variational Bayes, arXiv:1312.6114, Section 5).</li>
 *   <li>{@link #zeros()}: W = 0, b = 0.</li>
 * </ul>
 *
 * <p>Values are computed in double and rounded to float once.
 */
public final class Init {

  private enum Scheme {
    PYTORCH_DEFAULT, XAVIER_UNIFORM, XAVIER_NORMAL, HE_UNIFORM, HE_NORMAL, NORMAL, ZEROS
  }

  private static final Init PYTORCH_DEFAULT = new Init(Scheme.PYTORCH_DEFAULT, 0);
  private static final Init ZEROS = new Init(Scheme.ZEROS, 0);

  private final Scheme scheme;
  /** The gain for Xavier, the negative slope for He, the standard deviation for normal. */
  private final double parameter;

  private Init(Scheme scheme, double parameter) {
    this.scheme = scheme;
    this.parameter = parameter;
  }

  // ---------------------------------------------------------------- factories

  /** PyTorch's default for Linear and Conv: W, b ~ U(-1/sqrt(fanIn), 1/sqrt(fanIn)). */
  public static Init pytorchDefault() {
    return PYTORCH_DEFAULT;
  }

  /** Glorot uniform with gain 1. */
  public static Init xavierUniform() {
    return xavierUniform(1.0);
  }

  /** Glorot uniform: W ~ U(-a, a), a = gain * sqrt(6 / (fanIn + fanOut)); zero bias. */
  public static Init xavierUniform(double gain) {
    return new Init(Scheme.XAVIER_UNIFORM, positive("gain", gain));
  }

  /** Glorot normal with gain 1. */
  public static Init xavierNormal() {
    return xavierNormal(1.0);
  }

  /** Glorot normal: W ~ N(0, gain^2 * 2 / (fanIn + fanOut)); zero bias. */
  public static Init xavierNormal(double gain) {
    return new Init(Scheme.XAVIER_NORMAL, positive("gain", gain));
  }

  /** He (Kaiming) uniform for ReLU, fan-in mode: W ~ U(-sqrt(6 / fanIn), sqrt(6 / fanIn)); zero bias. */
  public static Init heUniform() {
    return heUniform(0.0);
  }

  /** He uniform for a leaky ReLU of this negative slope: a = sqrt(2 / (1 + slope^2)) * sqrt(3 / fanIn). */
  public static Init heUniform(double negativeSlope) {
    return new Init(Scheme.HE_UNIFORM, nonNegative("negativeSlope", negativeSlope));
  }

  /** He (Kaiming) normal for ReLU, fan-in mode: W ~ N(0, 2 / fanIn); zero bias. */
  public static Init heNormal() {
    return heNormal(0.0);
  }

  /** He normal for a leaky ReLU of this negative slope: W ~ N(0, 2 / ((1 + slope^2) fanIn)). */
  public static Init heNormal(double negativeSlope) {
    return new Init(Scheme.HE_NORMAL, nonNegative("negativeSlope", negativeSlope));
  }

  /** Weight and bias ~ N(0, std^2); {@code normal(0.01)} is the AEVB paper's choice. */
  public static Init normal(double std) {
    return new Init(Scheme.NORMAL, positive("std", std));
  }

  /** Weight and bias zero (useful for output heads that should start at the prior). */
  public static Init zeros() {
    return ZEROS;
  }

  /**
   * Parses a name as {@link #toString()} writes it, for configs and the command line:
   * {@code pytorch}, {@code xavier_uniform}, {@code xavier_normal}, {@code he_uniform},
   * {@code he_normal} (also {@code kaiming_*}), {@code zeros}, or {@code normal:0.01}; the first
   * five take an optional {@code :gain} or {@code :slope}.
   */
  public static Init parse(String text) {
    Objects.requireNonNull(text, "text");
    String s = text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    int colon = s.indexOf(':');
    String name = colon < 0 ? s : s.substring(0, colon);
    Double value = null;
    if (colon >= 0) {
      try {
        value = Double.parseDouble(s.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad number in initializer '" + text + "'", e);
      }
    }
    Init init = switch (name.replace("kaiming", "he")) {
      case "pytorch", "pytorch_default", "default" -> value == null ? pytorchDefault() : null;
      case "xavier_uniform", "glorot_uniform" -> xavierUniform(value == null ? 1.0 : value);
      case "xavier_normal", "glorot_normal" -> xavierNormal(value == null ? 1.0 : value);
      case "he_uniform" -> heUniform(value == null ? 0.0 : value);
      case "he_normal" -> heNormal(value == null ? 0.0 : value);
      case "normal" -> value == null ? null : normal(value);
      case "zeros" -> value == null ? zeros() : null;
      default -> throw new IllegalArgumentException("unknown initializer '" + text
          + "', expected one of pytorch, xavier_uniform, xavier_normal, he_uniform, he_normal, normal:STD, zeros");
    };
    if (init == null) {
      throw new IllegalArgumentException("initializer '" + text + "': "
          + (name.equals("normal") ? "normal needs a standard deviation, e.g. normal:0.01" : name + " takes no value"));
    }
    return init;
  }

  // ---------------------------------------------------------------- drawing

  /** Fills a weight tensor in place, with fans from its shape (rank >= 2, see {@link Fans#of}). */
  public void initWeight(Tensor weight, RandomGenerator random) {
    fillWeight(weight.array(), Fans.of(weight.shape()), random);
  }

  /** Fills a bias tensor in place; {@code fans} are those of the layer's weight. */
  public void initBias(Tensor bias, Fans fans, RandomGenerator random) {
    fillBias(bias.array(), fans, random);
  }

  /** Fills {@code values}, a weight with the given fans, in row-major order. */
  public void fillWeight(float[] values, Fans fans, RandomGenerator random) {
    Objects.requireNonNull(random, "random");
    switch (scheme) {
      case PYTORCH_DEFAULT -> uniform(values, 1.0 / Math.sqrt(fans.fanIn()), random);
      case XAVIER_UNIFORM -> uniform(values, parameter * Math.sqrt(6.0 / (fans.fanIn() + fans.fanOut())), random);
      case XAVIER_NORMAL -> normal(values, parameter * Math.sqrt(2.0 / (fans.fanIn() + fans.fanOut())), random);
      case HE_UNIFORM -> uniform(values, leakyReluGain(parameter) * Math.sqrt(3.0 / fans.fanIn()), random);
      case HE_NORMAL -> normal(values, leakyReluGain(parameter) / Math.sqrt(fans.fanIn()), random);
      case NORMAL -> normal(values, parameter, random);
      case ZEROS -> Arrays.fill(values, 0f);
    }
  }

  /** Fills {@code values}, the bias of a layer whose weight has the given fans. */
  public void fillBias(float[] values, Fans fans, RandomGenerator random) {
    Objects.requireNonNull(random, "random");
    switch (scheme) {
      case PYTORCH_DEFAULT -> uniform(values, 1.0 / Math.sqrt(fans.fanIn()), random);
      case NORMAL -> normal(values, parameter, random);
      default -> Arrays.fill(values, 0f);
    }
  }

  /** sqrt(2 / (1 + slope^2)), PyTorch's {@code calculate_gain('leaky_relu', slope)}. */
  static double leakyReluGain(double negativeSlope) {
    return Math.sqrt(2.0 / (1.0 + negativeSlope * negativeSlope));
  }

  private static void uniform(float[] values, double bound, RandomGenerator random) {
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) ((2.0 * random.nextDouble() - 1.0) * bound);
    }
  }

  private static void normal(float[] values, double std, RandomGenerator random) {
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (std * random.nextGaussian());
    }
  }

  private static double positive(String name, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be a finite number > 0, got " + value);
    }
    return value;
  }

  private static double nonNegative(String name, double value) {
    if (!(value >= 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + value);
    }
    return value;
  }

  // ---------------------------------------------------------------- value semantics

  /** The name {@link #parse} reads back: {@code pytorch}, {@code xavier_uniform:1.0}, {@code normal:0.01}, ... */
  @Override
  public String toString() {
    return switch (scheme) {
      case PYTORCH_DEFAULT -> "pytorch";
      case ZEROS -> "zeros";
      default -> scheme.name().toLowerCase(Locale.ROOT) + ":" + parameter;
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Init other && scheme == other.scheme
        && Double.doubleToLongBits(parameter) == Double.doubleToLongBits(other.parameter);
  }

  @Override
  public int hashCode() {
    return scheme.hashCode() * 31 + Double.hashCode(parameter);
  }
}
