/**
 * JMH benchmarks and plain timing reports for vae4j's kernels, with the shapes of the models vae4j
 * trains. Not shipped; run from {@code vae4j-bench/target/benchmarks.jar}.
 */
package io.github.vae4j.bench;
