package io.github.vae4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.nn.Init;
import io.github.vae4j.prob.Likelihood;
import io.github.vae4j.tensor.GradMode;
import io.github.vae4j.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NetworksTest {

  private static Tensor input(int batch, int... shape) {
    int[] full = new int[shape.length + 1];
    full[0] = batch;
    System.arraycopy(shape, 0, full, 1, shape.length);
    return Tensor.rand(new SplittableRandom(3), full);
  }

  @Test
  void mlpEncoderEndsAtTheLastHiddenWidthAndTheDecoderMirrorsIt() {
    VaeConfig config = new VaeConfig(List.of(1, 6, 5), "mlp", List.of(16, 8), 3, "tanh", "bernoulli", 1, "pytorch");
    Networks.Body body = Networks.encoder(config, Init.pytorchDefault(), new SplittableRandom(1));
    assertEquals(8, body.outFeatures());
    try (GradMode _ = GradMode.noGrad()) {
      assertArrayEquals(new int[] {2, 8}, body.layer().forward(input(2, 1, 6, 5)).shape());
      var decoder = Networks.decoder(config, new int[] {1, 6, 5}, Init.pytorchDefault(), new SplittableRandom(1));
      assertArrayEquals(new int[] {2, 1, 6, 5}, decoder.forward(input(2, 3)).shape());
    }
  }

  static Stream<Arguments> imageSizes() {
    return Stream.of(
        Arguments.of(1, 28, 28, List.of(4)), Arguments.of(1, 28, 28, List.of(4, 8)),
        Arguments.of(1, 28, 20, List.of(4)), Arguments.of(1, 28, 20, List.of(4, 8)),
        Arguments.of(1, 28, 20, List.of(2, 2, 2)),
        Arguments.of(1, 32, 32, List.of(4)), Arguments.of(1, 32, 32, List.of(4, 8)),
        Arguments.of(1, 27, 27, List.of(4)), Arguments.of(1, 27, 27, List.of(4, 8)),
        Arguments.of(3, 15, 11, List.of(4, 8)), Arguments.of(2, 2, 2, List.of(3)));
  }

  @ParameterizedTest(name = "{0}x{1}x{2} hidden {3}")
  @MethodSource("imageSizes")
  void convDecoderRetracesTheImageSizeExactly(int channels, int height, int width, List<Integer> hidden) {
    VaeConfig config = new VaeConfig(List.of(channels, height, width), "conv", hidden, 2, "relu", "bernoulli", 1,
        "pytorch");
    Networks.Body body = Networks.encoder(config, Init.pytorchDefault(), new SplittableRandom(1));
    int h = height;
    int w = width;
    for (int i = 0; i < hidden.size(); i++) {
      h /= 2;
      w /= 2;
    }
    assertEquals(hidden.getLast() * h * w, body.outFeatures());
    try (GradMode _ = GradMode.noGrad()) {
      assertArrayEquals(new int[] {2, body.outFeatures()}, body.layer().forward(input(2, channels, height, width))
          .shape());
      var decoder = Networks.decoder(config, new int[] {channels, height, width}, Init.pytorchDefault(),
          new SplittableRandom(1));
      assertArrayEquals(new int[] {2, channels, height, width}, decoder.forward(input(2, 2)).shape());
      // the model as a whole: reconstructions have the shape of the input
      Vae vae = new Vae(config, new SplittableRandom(2));
      assertArrayEquals(new int[] {3, channels, height, width}, vae.reconstruct(input(3, channels, height, width))
          .shape());
    }
  }

  @Test
  void convDecoderWidensTheChannelsForTwoOutputLikelihoods() {
    VaeConfig config = new VaeConfig(List.of(1, 27, 19), "conv", List.of(4, 4), 2, "relu",
        Likelihood.GAUSSIAN_PER_SAMPLE, 1, "pytorch");
    Vae vae = new Vae(config, new SplittableRandom(2));
    try (GradMode _ = GradMode.noGrad()) {
      Tensor x = input(2, 1, 27, 19);
      assertArrayEquals(new int[] {2, 2, 27, 19}, vae.decoderOutput(vae.encode(x).mean()).shape());
      assertArrayEquals(new int[] {2, 1, 27, 19}, vae.reconstruct(x).shape());
    }
  }

  @Test
  void convEncoderRefusesToShrinkBelowTwoPixels() {
    // refused by the config already, before any network is built
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new VaeConfig(List.of(1, 4, 4), "conv", List.of(2, 2, 2), 2, "relu", "bernoulli", 1, "pytorch"));
    assertTrue(e.getMessage().contains("use fewer hidden layers"), e.getMessage());
  }

  @Test
  void convDecoderNamesTheMixedParityItCannotRetrace() {
    // 6 x 5 needs kernel 4 down the rows and kernel 3 across the columns; square kernels cannot
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new VaeConfig(List.of(1, 6, 5), "conv", List.of(2), 2, "relu", "bernoulli", 1, "pytorch"));
    assertTrue(e.getMessage().contains("6x5") && e.getMessage().contains("'mlp'"), e.getMessage());
  }
}
