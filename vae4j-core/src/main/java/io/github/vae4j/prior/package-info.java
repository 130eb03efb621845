/**
 * Priors p(z) as objects: the standard normal, a learned mixture of Gaussians and the VampPrior,
 * each with sampling, a log density and a closed-form KL where one exists, and their typed specs.
 */
package io.github.vae4j.prior;
