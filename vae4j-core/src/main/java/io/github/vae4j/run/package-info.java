/**
 * A training run as the command line, a library user and a service all start it: data resolved
 * and split, checked against the likelihood, trained, saved with its provenance and preprocessing
 * into a run folder with its config and report.
 */
package io.github.vae4j.run;
