/**
 * Probability distributions as objects, batched over tensors: {@link io.github.vae4j.prob.Normal} for
 * posteriors and priors, {@link io.github.vae4j.prob.Bernoulli}, {@link io.github.vae4j.prob.Laplace},
 * {@link io.github.vae4j.prob.ContinuousBernoulli} and {@link io.github.vae4j.prob.Categorical} for data,
 * with sample, rsample, logProb and closed-form KL divergences; and the
 * {@link io.github.vae4j.prob.Likelihood}s that turn a decoder's output into p(x|z).
 */
package io.github.vae4j.prob;
