/**
 * Neural-network building blocks over the tensor engine: {@link io.github.vae4j.nn.Module} with
 * named parameters and state dicts, the layers VAEs are made of (linear, convolution, transposed
 * convolution, activations, dropout, reshapes, sequential stacks) and their initializers.
 */
package io.github.vae4j.nn;
