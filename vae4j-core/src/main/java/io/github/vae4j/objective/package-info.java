/**
 * Training objectives over a VAE's parts: the ELBO with β and L samples; variants (IWAE, free
 * bits, MMD) are further strategies here, never copies of the model's forward pass.
 */
package io.github.vae4j.objective;
