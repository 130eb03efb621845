package io.github.vae4j.eval;

import io.github.vae4j.data.Dataset;
import io.github.vae4j.data.Sprites;
import io.github.vae4j.model.Vae;
import io.github.vae4j.model.VaeConfig;
import io.github.vae4j.train.TrainConfig;
import io.github.vae4j.train.Trainer;
import java.util.List;
import java.util.SplittableRandom;

/** A small VAE trained for a few seconds on sprites, shared by the evaluation tests. */
final class TinyTrained {

  static final Dataset DATA = Sprites.generate(400, new SplittableRandom(4));
  static final Vae MODEL = train();

  private TinyTrained() {
  }

  private static Vae train() {
    Vae vae = new Vae(new VaeConfig(DATA.exampleShape(), "mlp", List.of(64), 4, "relu", "bernoulli", 1, "pytorch"),
        new SplittableRandom(1));
    TrainConfig config = TrainConfig.defaults().withEpochs(6).withBatchSize(32).withValidationFraction(0);
    new Trainer(vae, io.github.vae4j.objective.Objective.elbo(), config, null).fit(DATA, null, null, false);
    vae.eval();
    return vae;
  }
}
