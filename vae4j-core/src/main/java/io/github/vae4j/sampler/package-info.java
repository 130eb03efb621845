/**
 * Post-hoc samplers of the latent space: distributions fitted after training to where the
 * encoder actually puts the data, to draw codes from instead of the prior.
 */
package io.github.vae4j.sampler;
