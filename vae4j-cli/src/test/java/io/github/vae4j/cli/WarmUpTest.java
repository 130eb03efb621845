package io.github.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.vae4j.data.Dataset;
import io.github.vae4j.data.Sprites;
import io.github.vae4j.model.Vae;
import io.github.vae4j.model.VaeConfig;
import io.github.vae4j.objective.Objective;
import io.github.vae4j.train.TrainConfig;
import io.github.vae4j.train.Trainer;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WarmUpTest {

  private static final Dataset SPRITES = Sprites.generate(256, new SplittableRandom(3));

  private static Vae train() {
    Vae vae = new Vae(VaeConfig.defaults(SPRITES.exampleShape()).withHidden(List.of(32)).withLatentDim(2),
        new SplittableRandom(1));
    new Trainer(vae, Objective.elbo(), TrainConfig.defaults().withEpochs(2).withBatchSize(32), null)
        .fit(SPRITES, null, null, false);
    return vae;
  }

  /**
   * The warm-up trains its own model on another thread while the command loads data and starts: a
   * model trained beside it must come out bit for bit as one trained alone.
   */
  @Test
  void aRunBesideTheWarmUpGivesTheSameModelAsARunAlone() throws InterruptedException {
    Vae alone = train();
    Thread warmUp = Thread.ofPlatform().daemon().start(WarmUp::run);
    Vae beside = train();
    boolean overlapped = warmUp.isAlive();
    warmUp.join(60_000);
    assertFalse(warmUp.isAlive(), "the warm-up did not finish within a minute");
    alone.namedParameters().forEach((name, t) ->
        assertArrayEquals(t.toArray(), beside.namedParameters().get(name).toArray(), name
            + (overlapped ? "" : " (the warm-up had already ended)")));
  }
}
