/**
 * Compute kernels behind the tensor ops: the {@link io.github.vae4j.tensor.kernel.Gemm} matrix
 * product with a pure-Java backend (the oracle and fallback) and an OpenBLAS backend reached through
 * the Foreign Function and Memory API, which {@link io.github.vae4j.tensor.kernel.Gemms} picks
 * between; and the elementwise kernels of {@link io.github.vae4j.tensor.kernel.Simd}, in Vector API
 * and plain-Java versions.
 */
package io.github.vae4j.tensor.kernel;
