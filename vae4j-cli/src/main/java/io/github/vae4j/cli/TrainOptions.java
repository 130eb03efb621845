package io.github.vae4j.cli;

import io.github.vae4j.train.TrainConfig;
import picocli.CommandLine.Option;

/** The options of a training run, shared by {@code train} and {@code demo}. */
final class TrainOptions {

  @Option(names = "--epochs", description = "Passes over the training data.")
  Integer epochs;

  @Option(names = "--batch", defaultValue = "128", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--lr", description = "Learning rate (default: 1e-3).")
  Double lr;

  @Option(names = "--optimizer", defaultValue = "adam",
      description = "adam, adamw, adagrad (the AEVB paper's), sgd, rmsprop (default: ${DEFAULT-VALUE}).")
  String optimizer;

  @Option(names = "--weight-decay", defaultValue = "0",
      description = "L2 weight decay, a Gaussian prior on the weights (decoupled for adamw).")
  double weightDecay;

  @Option(names = "--schedule", defaultValue = "constant",
      description = "constant, cosine, step:EPOCHS:GAMMA, exponential:GAMMA, warmup:STEPS (default: ${DEFAULT-VALUE}).")
  String schedule;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of everything random (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--validation", defaultValue = "auto",
      description = "A fraction of the training data held out for validation (e.g. 0.1), 'test' to validate on the "
          + "data's test split as the PyTorch example does, or 'auto': test when the data has one, else 0.1.")
  String validation;

  @Option(names = "--patience", defaultValue = "0",
      description = "Stop after this many epochs without a better validation loss and keep the best (0: off).")
  int patience;

  @Option(names = "--beta", defaultValue = "1", description = "KL weight β (1: the VAE; >1: β-VAE).")
  double beta;

  @Option(names = "--samples", defaultValue = "1", description = "Monte Carlo samples L per example in the ELBO.")
  int samples;

  @Option(names = "--binarize", defaultValue = "none",
      description = "none, static (threshold 0.5) or dynamic (a Bernoulli draw per batch) (default: ${DEFAULT-VALUE}).")
  String binarize;

  @Option(names = "--clip-norm", defaultValue = "0", description = "Clip gradients to this global norm (0: off).")
  double clipNorm;

  @Option(names = "--on-nan", defaultValue = "stop",
      description = "stop, or rollback: restore the last good epoch and halve the learning rate (default: ${DEFAULT-VALUE}).")
  String onNan;

  TrainConfig config(int defaultEpochs, double validationFraction) {
    return new TrainConfig(epochs == null ? defaultEpochs : epochs, batch, optimizer, lr == null ? 1e-3 : lr,
        weightDecay, schedule, seed, validationFraction, patience, beta, samples, binarize, clipNorm, onNan);
  }
}
