/**
 * Training: {@link io.github.vae4j.train.TrainConfig} (a validating record),
 * {@link io.github.vae4j.train.Trainer} (seeded epochs, validation, early stopping, a non-finite
 * guard), atomic {@link io.github.vae4j.train.Checkpoint}s that resume bit for bit, and the
 * per-epoch {@link io.github.vae4j.train.EpochMetrics} written as JSON lines.
 */
package io.github.vae4j.train;
