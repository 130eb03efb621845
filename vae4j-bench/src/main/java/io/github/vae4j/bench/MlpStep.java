package io.github.vae4j.bench;

import io.github.vae4j.nn.Activation;
import io.github.vae4j.nn.Linear;
import io.github.vae4j.nn.Sequential;
import io.github.vae4j.optim.Adam;
import io.github.vae4j.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * One training step of the 784-400-20 MLP at batch 128: forward, softmax cross-entropy against
 * fixed random labels, backward, Adam. The products it runs are the {@link GemmShape}s other than
 * fc1.dX (the input needs no gradient).
 */
final class MlpStep {

  static final int BATCH = 128;
  static final int IN = 784;
  static final int HIDDEN = 400;
  static final int OUT = 20;

  private final Sequential mlp;
  private final Adam adam;
  private final Tensor x;
  private final Tensor oneHot;

  MlpStep(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    mlp = new Sequential(new Linear(IN, HIDDEN, random), Activation.relu(), new Linear(HIDDEN, OUT, random));
    adam = new Adam(mlp.namedParameters(), Adam.Config.of(1e-3));
    x = Tensor.rand(random, BATCH, IN);
    float[] labels = new float[BATCH * OUT];
    for (int i = 0; i < BATCH; i++) {
      labels[i * OUT + random.nextInt(OUT)] = 1f;
    }
    oneHot = Tensor.wrap(labels, BATCH, OUT);
  }

  /** Runs one step and returns the loss. */
  float step() {
    Tensor loss = mlp.forward(x).logSoftmax(1).mul(oneHot).sum().mul(-1f / BATCH);
    loss.backward();
    adam.step();
    adam.zeroGrad();
    return loss.item();
  }
}
