/**
 * Datasets held in memory as flat row-major float arrays, and the readers that fill them: IDX
 * (MNIST, Fashion-MNIST), MAT-files (Frey Face, ODDS tables), CSV, NumPy .npy, image folders, the
 * built-in {@link io.github.vae4j.data.Sprites} generator, a checksum-verifying downloader, and
 * the {@link io.github.vae4j.data.DataSource} specs the CLI parses.
 */
package io.github.vae4j.data;
