/**
 * VAE models built from nn parts: {@link io.github.vae4j.model.VaeConfig} (a record that
 * validates and round-trips through JSON) and {@link io.github.vae4j.model.Vae} (encoder, Gaussian
 * posterior head, standard normal prior, decoder parameterizing a likelihood).
 */
package io.github.vae4j.model;
