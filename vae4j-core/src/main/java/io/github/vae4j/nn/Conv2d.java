package io.github.vae4j.nn;

import io.github.vae4j.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * 2-D convolution layer (cross-correlation, as in PyTorch) with a square kernel, equal stride and
 * equal zero padding on both spatial axes.
 *
 * <p>Shapes: weight [out, in, k, k], bias [out]; input [n, in, h, w], output [n, out, h', w'] with
 * h' = floor((h + 2 * padding - k) / stride) + 1, and likewise w' ({@link #outputSize(int)}).
 * Parameters are named {@code weight} and {@code bias} in PyTorch's layout.
 *
 * <p>Initialized by {@link Init#pytorchDefault()} unless another is given, with fanIn = in * k * k.
 */
public final class Conv2d extends Layer {

  private final int inChannels;
  private final int outChannels;
  private final int kernelSize;
  private final int stride;
  private final int padding;
  private final Tensor weight;
  private final Tensor bias;

  /** A layer with bias and PyTorch's default initialization. */
  public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, RandomGenerator random) {
    this(inChannels, outChannels, kernelSize, stride, padding, true, Init.pytorchDefault(), random);
  }

  public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, boolean bias, Init init,
      RandomGenerator random) {
    ConvChecks.positive("inChannels", inChannels);
    ConvChecks.positive("outChannels", outChannels);
    ConvChecks.positive("kernelSize", kernelSize);
    ConvChecks.positive("stride", stride);
    ConvChecks.nonNegative("padding", padding);
    Objects.requireNonNull(init, "init");
    Objects.requireNonNull(random, "random");
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.kernelSize = kernelSize;
    this.stride = stride;
    this.padding = padding;
    Tensor w = Tensor.zeros(outChannels, inChannels, kernelSize, kernelSize);
    init.initWeight(w, random);
    this.weight = registerParameter("weight", w);
    if (bias) {
      Tensor b = Tensor.zeros(outChannels);
      init.initBias(b, Fans.of(w.shape()), random);
      this.bias = registerParameter("bias", b);
    } else {
      this.bias = null;
    }
  }

  /** x [n, in, h, w] -> [n, out, h', w']. */
  @Override
  public Tensor forward(Tensor x) {
    if (x.rank() != 4 || x.dim(1) != inChannels) {
      throw new IllegalArgumentException("Conv2d expects input [n, " + inChannels + ", h, w], got "
          + Arrays.toString(x.shape()));
    }
    return Tensor.conv2d(x, weight, bias, stride, padding);
  }

  /** The output height (or width) for an input height (or width): (size + 2p - k) / s + 1. */
  public int outputSize(int inputSize) {
    int padded = inputSize + 2 * padding - kernelSize;
    if (padded < 0) {
      throw new IllegalArgumentException("input size " + inputSize + " with padding " + padding
          + " is smaller than the kernel " + kernelSize);
    }
    return padded / stride + 1;
  }

  public int inChannels() {
    return inChannels;
  }

  public int outChannels() {
    return outChannels;
  }

  public int kernelSize() {
    return kernelSize;
  }

  public int stride() {
    return stride;
  }

  public int padding() {
    return padding;
  }

  /** The weight [out, in, k, k]. */
  public Tensor weight() {
    return weight;
  }

  /** The bias [out], or null for a layer built without one. */
  public Tensor bias() {
    return bias;
  }

  @Override
  protected String describe() {
    return "in=" + inChannels + ", out=" + outChannels + ", kernel=" + kernelSize + ", stride=" + stride
        + ", padding=" + padding + ", bias=" + (bias != null);
  }
}
