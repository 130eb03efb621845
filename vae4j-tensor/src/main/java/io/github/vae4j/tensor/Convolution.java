package io.github.vae4j.tensor;

/** 2-D convolution and transposed convolution by im2col and GEMM (being written on branch conv). */
final class Convolution {

  private Convolution() {
  }

  static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int stride, int padding) {
    throw new UnsupportedOperationException("conv2d lands with branch conv");
  }

  static Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, int stride, int padding,
      int outputPadding) {
    throw new UnsupportedOperationException("convTranspose2d lands with branch conv");
  }
}
