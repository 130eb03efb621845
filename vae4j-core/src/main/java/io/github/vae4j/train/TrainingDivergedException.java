package io.github.vae4j.train;

/** The loss or a gradient stopped being finite; the message names the step and what was kept. */
public final class TrainingDivergedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public TrainingDivergedException(String message) {
    super(message);
  }
}
