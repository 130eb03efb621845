/**
 * Honest evaluation: the ELBO and the importance-weighted log-likelihood with standard errors.
 */
package io.github.vae4j.eval;
