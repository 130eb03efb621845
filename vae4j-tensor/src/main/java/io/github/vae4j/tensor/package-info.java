/**
 * The vae4j engine: float32 {@link io.github.vae4j.tensor.Tensor}s with views and broadcasting,
 * reverse-mode autodiff recorded as ops run, and the elementwise, reduction, shape, product and
 * convolution kernels with their gradients. Knows nothing of VAEs.
 */
package io.github.vae4j.tensor;
