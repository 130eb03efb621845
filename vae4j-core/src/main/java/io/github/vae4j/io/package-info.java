/**
 * Files in and out: {@link io.github.vae4j.io.SafeTensors} reads and writes named tensors in the
 * safetensors format, and {@link io.github.vae4j.io.AtomicFiles} writes any file through a temporary
 * file and a rename, so a crash never leaves half a file behind.
 */
package io.github.vae4j.io;
