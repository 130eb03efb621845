package io.github.vae4j.cli;

import io.github.vae4j.model.Vae;
import io.github.vae4j.model.VaeConfig;
import io.github.vae4j.objective.LossTerms;
import io.github.vae4j.objective.Objective;
import io.github.vae4j.objective.StepContext;
import io.github.vae4j.optim.Adam;
import io.github.vae4j.tensor.Buffers;
import io.github.vae4j.tensor.GradMode;
import io.github.vae4j.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Gets HotSpot compiling the training code while the data loads, on a daemon thread: a few hundred
 * training and evaluation steps of a tiny MLP VAE, with and without a graph, so that the first
 * validation pass does not take paths the training steps never took (HotSpot would deoptimize and
 * recompile the hot code then). Nothing here touches the real model or data; its results are
 * thrown away.
 *
 * <p>The vector kernels get no separate warm-up: the launcher sends them to the optimizing
 * compiler after a few dozen calls (see bin/vae4j), and calling them more often before that only
 * makes the Vector API's slow Java fallbacks hot enough to be compiled first. Measured on MNIST,
 * 3 epochs: 6.61 s without a kernel warm-up, 6.79 s with 50 rounds of one, 7.17 s with no warm-up
 * at all.
 */
final class WarmUp {

  private static final int STEPS = 300;
  private static final StepContext STEP = StepContext.single(8);

  private WarmUp() {
  }

  static void start() {
    Thread.ofPlatform().daemon().name("vae4j-warm-up").start(WarmUp::run);
  }

  static void run() {
    SplittableRandom random = new SplittableRandom(1);
    VaeConfig config = VaeConfig.defaults(List.of(1, 4, 4)).withHidden(List.of(8)).withLatentDim(2)
        .withLikelihood("bernoulli", 1);
    Vae model = new Vae(config, random);
    Adam adam = new Adam(model.namedParameters(), Adam.Config.defaults());
    Objective elbo = Objective.elbo();
    Tensor x = Tensor.rand(random, 8, 1, 4, 4);
    for (int step = 0; step < STEPS; step++) {
      try (Buffers.Scope _ = Buffers.scope()) {
        LossTerms terms = elbo.loss(model, x, STEP, random);
        terms.loss().backward();
        adam.step();
        adam.zeroGrad();
      }
      try (Buffers.Scope _ = Buffers.scope(); GradMode _ = GradMode.noGrad()) {
        elbo.loss(model, x, STEP, random);
      }
    }
  }
}
