/**
 * The {@code vae4j} command line: picocli subcommands over vae4j-core. Owns the console (progress,
 * tables, errors as one line and exit code 2).
 */
package io.github.vae4j.cli;
