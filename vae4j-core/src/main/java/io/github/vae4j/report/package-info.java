/**
 * What a person looks at after training: picture grids made from a model (samples,
 * reconstructions, interpolations, traversals, the latent manifold, a latent scatter), training
 * curves, and the HTML report that gathers them with the metrics.
 */
package io.github.vae4j.report;
