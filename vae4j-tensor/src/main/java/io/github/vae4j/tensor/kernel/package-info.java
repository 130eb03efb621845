/**
 * Compute kernels behind the tensor ops: the {@link io.github.vae4j.tensor.kernel.Gemm} matrix
 * product with a pure-Java backend (the oracle and fallback) and an OpenBLAS backend reached through
 * the Foreign Function and Memory API. {@link io.github.vae4j.tensor.kernel.Gemms} picks one.
 */
package io.github.vae4j.tensor.kernel;
