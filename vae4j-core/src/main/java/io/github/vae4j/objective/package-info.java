/**
 * Training objectives over a model's parts: the ELBO with samples, KL schedules and free bits, the
 * importance-weighted bound (with the doubly reparameterized estimator), InfoVAE, WAE-MMD and
 * β-TCVAE. Each is a strategy over the same parts ({@code ElboParts}, the model's log weights),
 * never a copy of the model's forward pass.
 */
package io.github.vae4j.objective;
