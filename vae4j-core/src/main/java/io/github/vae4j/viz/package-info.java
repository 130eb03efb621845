/**
 * Pictures of a run: {@link io.github.vae4j.viz.ImageGrid} draws images and reconstructions as PNG
 * grids (Java2D), {@link io.github.vae4j.viz.Charts} draws training curves and latent scatter plots
 * (XChart), and {@link io.github.vae4j.viz.HtmlReport} gathers them with the metrics into one
 * self-contained HTML page. Everything renders off-screen and writes files atomically.
 */
package io.github.vae4j.viz;
