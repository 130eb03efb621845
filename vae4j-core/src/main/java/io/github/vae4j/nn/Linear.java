package io.github.vae4j.nn;

import io.github.vae4j.tensor.Tensor;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Fully connected layer y = x · Wᵀ + b.
 *
 * <p>Shapes: weight [out, in], bias [out]; input [..., in], output [..., out]. Parameters are named
 * {@code weight} and {@code bias}, PyTorch's names and layout, so state dicts carry over.
 *
 * <p>Initialized by {@link Init#pytorchDefault()} unless another {@link Init} is given.
 */
public final class Linear extends Layer {

  private final int inFeatures;
  private final int outFeatures;
  private final Tensor weight;
  private final Tensor bias;

  /** A layer with bias and PyTorch's default initialization. */
  public Linear(int inFeatures, int outFeatures, RandomGenerator random) {
    this(inFeatures, outFeatures, true, Init.pytorchDefault(), random);
  }

  public Linear(int inFeatures, int outFeatures, boolean bias, Init init, RandomGenerator random) {
    if (inFeatures < 1) {
      throw new IllegalArgumentException("inFeatures must be >= 1, got " + inFeatures);
    }
    if (outFeatures < 1) {
      throw new IllegalArgumentException("outFeatures must be >= 1, got " + outFeatures);
    }
    Objects.requireNonNull(init, "init");
    Objects.requireNonNull(random, "random");
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    Tensor w = Tensor.zeros(outFeatures, inFeatures);
    init.initWeight(w, random);
    this.weight = registerParameter("weight", w);
    if (bias) {
      Tensor b = Tensor.zeros(outFeatures);
      init.initBias(b, Fans.of(outFeatures, inFeatures), random);
      this.bias = registerParameter("bias", b);
    } else {
      this.bias = null;
    }
  }

  /** x [..., in] -> [..., out]. */
  @Override
  public Tensor forward(Tensor x) {
    return Tensor.linear(x, weight, bias);
  }

  public int inFeatures() {
    return inFeatures;
  }

  public int outFeatures() {
    return outFeatures;
  }

  /** The weight [out, in]. */
  public Tensor weight() {
    return weight;
  }

  /** The bias [out], or null for a layer built without one. */
  public Tensor bias() {
    return bias;
  }

  @Override
  protected String describe() {
    return "in=" + inFeatures + ", out=" + outFeatures + ", bias=" + (bias != null);
  }
}
