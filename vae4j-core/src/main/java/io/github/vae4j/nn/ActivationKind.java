package io.github.vae4j.nn;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The elementwise nonlinearities a network config can name, with the spelling configs and the
 * command line use ({@link #id()}, read back by {@link #parse(String)}).
 */
public enum ActivationKind {
  /** max(x, 0). */
  RELU("relu"),
  /** x for x >= 0, slope * x otherwise (slope 0.01 unless given). */
  LEAKY_RELU("leaky_relu"),
  /** x for x > 0, alpha * (exp(x) - 1) otherwise (alpha 1 unless given). */
  ELU("elu"),
  /** x * Φ(x) by the tanh approximation (PyTorch's approximate='tanh'). */
  GELU("gelu"),
  /** tanh(x). */
  TANH("tanh"),
  /** 1 / (1 + exp(-x)). */
  SIGMOID("sigmoid"),
  /** log(1 + exp(x)). */
  SOFTPLUS("softplus"),
  /** x. */
  IDENTITY("identity");

  private final String id;

  ActivationKind(String id) {
    this.id = id;
  }

  /** The lower-case name used in configs: {@code relu}, {@code leaky_relu}, ... */
  public String id() {
    return id;
  }

  /**
   * The kind named by {@code text}, ignoring case, with '-' or nothing accepted for '_'
   * ({@code "LeakyReLU"}, {@code "leaky-relu"}); {@code "linear"} and {@code "none"} mean identity.
   */
  public static ActivationKind parse(String text) {
    Objects.requireNonNull(text, "text");
    String key = text.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    for (ActivationKind kind : values()) {
      if (kind.id.replace("_", "").equals(key)) {
        return kind;
      }
    }
    if (key.equals("linear") || key.equals("none")) {
      return IDENTITY;
    }
    throw new IllegalArgumentException("unknown activation '" + text + "', expected one of "
        + Arrays.stream(values()).map(ActivationKind::id).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return id;
  }
}
