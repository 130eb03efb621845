package io.github.vae4j.tensor;

/**
 * One recorded operation of the autodiff graph: the inputs that need gradients and the rule that
 * maps the output's gradient to theirs.
 */
final class Node {

  /** Maps the gradient of an op's output (logical row-major order) to its inputs' gradients. */
  @FunctionalInterface
  interface Backward {
    void apply(float[] gradOutput);
  }

  final Tensor[] inputs;
  final Backward backward;
  final String op;

  Node(String op, Tensor[] inputs, Backward backward) {
    this.op = op;
    this.inputs = inputs;
    this.backward = backward;
  }
}
