package io.github.vae4j.bench;

import io.github.vae4j.nn.Activation;
import io.github.vae4j.nn.Linear;
import io.github.vae4j.nn.Sequential;
import io.github.vae4j.optim.Adam;
import io.github.vae4j.tensor.Buffers;
import io.github.vae4j.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * One training step of the 784-400-20 MLP at batch 128: forward, softmax cross-entropy, backward,
 * Adam. The products it runs are the {@link GemmShape}s other than fc1.dX (the input needs no
 * gradient).
 *
 * <p>Steps cycle through {@link #BATCHES} random batches with random labels. A single fixed batch
 * would be memorized within a few hundred steps; its gradients then shrink until Adam's moment
 * buffers turn subnormal, and subnormal arithmetic is many times slower than normal arithmetic,
 * which would time the CPU's slow path instead of the engine.
 */
final class MlpStep {

  static final int BATCH = 128;
  static final int IN = 784;
  static final int HIDDEN = 400;
  static final int OUT = 20;
  static final int BATCHES = 64;

  private final Sequential mlp;
  private final Adam adam;
  private final Tensor[] x = new Tensor[BATCHES];
  private final Tensor[] oneHot = new Tensor[BATCHES];
  private int next;

  MlpStep(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    mlp = new Sequential(new Linear(IN, HIDDEN, random), Activation.relu(), new Linear(HIDDEN, OUT, random));
    adam = new Adam(mlp.namedParameters(), Adam.Config.of(1e-3));
    for (int b = 0; b < BATCHES; b++) {
      x[b] = Tensor.rand(random, BATCH, IN);
      float[] labels = new float[BATCH * OUT];
      for (int i = 0; i < BATCH; i++) {
        labels[i * OUT + random.nextInt(OUT)] = 1f;
      }
      oneHot[b] = Tensor.wrap(labels, BATCH, OUT);
    }
  }

  /** Runs one step and returns the loss. */
  float step() {
    int b = next;
    next = (next + 1) % BATCHES;
    // one Buffers scope per step, as the Trainer runs them
    try (Buffers.Scope _ = Buffers.scope()) {
      Tensor loss = mlp.forward(x[b]).logSoftmax(1).mul(oneHot[b]).sum().mul(-1f / BATCH);
      loss.backward();
      adam.step();
      adam.zeroGrad();
      return loss.item();
    }
  }
}
