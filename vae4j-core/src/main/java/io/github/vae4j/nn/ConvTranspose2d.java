package io.github.vae4j.nn;

import io.github.vae4j.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Transposed 2-D convolution layer (the adjoint of {@link Conv2d}, used to upsample in conv
 * decoders) with a square kernel and equal stride, padding and output padding on both axes.
 *
 * <p>Shapes: weight [in, out, k, k] (PyTorch's layout), bias [out]; input [n, in, h, w], output
 * [n, out, h', w'] with h' = (h - 1) * stride - 2 * padding + k + outputPadding
 * ({@link #outputSize(int)}). A stride-2, k = 4, padding = 1 layer doubles h and w.
 *
 * <p>Initialized by {@link Init#pytorchDefault()} unless another is given; fans follow PyTorch
 * ({@link Fans}), so fanIn = out * k * k.
 */
public final class ConvTranspose2d extends Layer {

  private final int inChannels;
  private final int outChannels;
  private final int kernelSize;
  private final int stride;
  private final int padding;
  private final int outputPadding;
  private final Tensor weight;
  private final Tensor bias;

  /** A layer with bias and PyTorch's default initialization. */
  public ConvTranspose2d(int inChannels, int outChannels, int kernelSize, int stride, int padding,
      int outputPadding, RandomGenerator random) {
    this(inChannels, outChannels, kernelSize, stride, padding, outputPadding, true, Init.pytorchDefault(), random);
  }

  public ConvTranspose2d(int inChannels, int outChannels, int kernelSize, int stride, int padding,
      int outputPadding, boolean bias, Init init, RandomGenerator random) {
    ConvChecks.positive("inChannels", inChannels);
    ConvChecks.positive("outChannels", outChannels);
    ConvChecks.positive("kernelSize", kernelSize);
    ConvChecks.positive("stride", stride);
    ConvChecks.nonNegative("padding", padding);
    ConvChecks.nonNegative("outputPadding", outputPadding);
    if (outputPadding >= stride) {
      throw new IllegalArgumentException("outputPadding must be smaller than stride " + stride + ", got "
          + outputPadding);
    }
    Objects.requireNonNull(init, "init");
    Objects.requireNonNull(random, "random");
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.kernelSize = kernelSize;
    this.stride = stride;
    this.padding = padding;
    this.outputPadding = outputPadding;
    Tensor w = Tensor.zeros(inChannels, outChannels, kernelSize, kernelSize);
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
      throw new IllegalArgumentException("ConvTranspose2d expects input [n, " + inChannels + ", h, w], got "
          + Arrays.toString(x.shape()));
    }
    return Tensor.convTranspose2d(x, weight, bias, stride, padding, outputPadding);
  }

  /** The output height (or width) for an input one: (size - 1) * s - 2p + k + outputPadding. */
  public int outputSize(int inputSize) {
    if (inputSize < 1) {
      throw new IllegalArgumentException("input size must be >= 1, got " + inputSize);
    }
    int out = (inputSize - 1) * stride - 2 * padding + kernelSize + outputPadding;
    if (out < 1) {
      throw new IllegalArgumentException("input size " + inputSize + " gives an empty output (" + out + ")");
    }
    return out;
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

  public int outputPadding() {
    return outputPadding;
  }

  /** The weight [in, out, k, k]. */
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
        + ", padding=" + padding + ", outputPadding=" + outputPadding + ", bias=" + (bias != null);
  }
}
