package io.github.vae4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VaeConfigTest {

  private static final VaeConfig GOOD = new VaeConfig(List.of(1, 28, 28), "conv", List.of(32, 64), 8, "relu",
      "gaussian", 0.5, "xavier_uniform");

  @Test
  void defaultsAreThePyTorchExample() {
    VaeConfig c = VaeConfig.defaults(List.of(784));
    assertEquals(List.of(784), c.inputShape());
    assertEquals("mlp", c.architecture());
    assertEquals(List.of(400), c.hidden());
    assertEquals(20, c.latentDim());
    assertEquals("relu", c.activation());
    assertEquals("bernoulli", c.likelihood().text());
    assertEquals(784, c.features());
  }

  @Test
  void featuresMultipliesTheShape() {
    assertEquals(1 * 28 * 28, GOOD.features());
    assertEquals(3 * 32 * 20,
        new VaeConfig(List.of(3, 32, 20), "conv", List.of(8), 2, "relu", "bernoulli", 1, "pytorch").features());
  }

  @Test
  void listsAreCopiedSoTheConfigCannotChangeLater() {
    List<Integer> hidden = new ArrayList<>(List.of(16));
    VaeConfig c = new VaeConfig(List.of(4), "mlp", hidden, 2, "relu", "bernoulli", 1, "pytorch");
    hidden.add(99);
    assertEquals(List.of(16), c.hidden());
    assertThrows(UnsupportedOperationException.class, () -> c.hidden().add(1));
  }

  static Stream<Arguments> badConfigs() {
    return Stream.of(
        bad("inputShape must be [features] or [channels, height, width], got []",
            () -> new VaeConfig(List.of(), "mlp", List.of(8), 2, "relu", "bernoulli", 1, "pytorch")),
        bad("got [1, 2, 3, 4]",
            () -> new VaeConfig(List.of(1, 2, 3, 4), "mlp", List.of(8), 2, "relu", "bernoulli", 1, "pytorch")),
        bad("inputShape dimensions must be >= 1, got [1, 0, 28]",
            () -> new VaeConfig(List.of(1, 0, 28), "mlp", List.of(8), 2, "relu", "bernoulli", 1, "pytorch")),
        bad("architecture must be 'mlp' or 'conv', got 'rnn'", () -> GOOD.withArchitecture("rnn")),
        bad("architecture 'conv' needs images [channels, height, width], got [784]",
            () -> new VaeConfig(List.of(784), "conv", List.of(8), 2, "relu", "bernoulli", 1, "pytorch")),
        bad("architecture 'conv' needs height and width of equal parity at each of its 2 halvings, but images"
            + " [1, 27, 20] reach 27x20",
            () -> new VaeConfig(List.of(1, 27, 20), "conv", List.of(8, 16), 2, "relu", "bernoulli", 1, "pytorch")),
        bad("images [1, 28, 20] reach 3x2",
            () -> new VaeConfig(List.of(1, 28, 20), "conv", List.of(8, 16, 32), 2, "relu", "bernoulli", 1, "pytorch")
                .withHidden(List.of(8, 16, 32, 64))),
        bad("architecture 'conv' halves height and width 4 times, too many for images [1, 4, 4] (1x1 before halving 3);"
            + " use fewer hidden layers",
            () -> new VaeConfig(List.of(1, 4, 4), "conv", List.of(8, 8, 8, 8), 2, "relu", "bernoulli", 1, "pytorch")),
        bad("hidden must list at least one layer width, got []", () -> GOOD.withHidden(List.of())),
        bad("hidden widths must be >= 1, got [32, 0]", () -> GOOD.withHidden(List.of(32, 0))),
        bad("latentDim must be >= 1, got 0", () -> GOOD.withLatentDim(0)),
        bad("unknown activation 'swish'", () -> GOOD.withActivation("swish")),
        bad("unknown likelihood 'poisson'", () -> GOOD.withLikelihood("poisson", 1)),
        bad("likelihoodScale must be a positive number, got 0.0", () -> GOOD.withLikelihood("gaussian", 0)),
        bad("likelihoodScale must be a positive number, got NaN", () -> GOOD.withLikelihood("gaussian", Double.NaN)),
        bad("likelihoodScale must be a positive number, got Infinity",
            () -> GOOD.withLikelihood("laplace", Double.POSITIVE_INFINITY)),
        bad("unknown initializer 'lecun'", () -> GOOD.withInit("lecun")),
        bad("inputShape must be a list of dimensions, got null",
            () -> new VaeConfig(null, "mlp", List.of(8), 2, "relu", "bernoulli", 1, "pytorch")),
        bad("hidden must be a list of layer widths, got [8, null]",
            () -> new VaeConfig(List.of(4), "mlp", Arrays.asList(8, null), 2, "relu", "bernoulli", 1, "pytorch")),
        bad("activation must be given, got null", () -> GOOD.withActivation(null)),
        bad("init must be given, got null", () -> GOOD.withInit(null)));
  }

  private static Arguments bad(String message, Supplier<VaeConfig> build) {
    return Arguments.of(message, build);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badConfigs")
  void rejectsBadConfigNamingTheValue(String message, Supplier<VaeConfig> build) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::get);
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void withersChangeOneFieldAndKeepTheRest() {
    VaeConfig c = GOOD.withLatentDim(3).withHidden(List.of(5)).withActivation("tanh").withInit("pytorch")
        .withLikelihood("laplace", 0.2).withArchitecture("mlp");
    assertEquals(new VaeConfig(List.of(1, 28, 28), "mlp", List.of(5), 3, "tanh", "laplace", 0.2, "pytorch"), c);
  }

  @Test
  void roundTripsThroughJsonAndValidatesWhenParsed() throws Exception {
    ObjectMapper json = new ObjectMapper();
    String text = json.writeValueAsString(GOOD);
    assertEquals(GOOD, json.readValue(text, VaeConfig.class));

    String broken = text.replace("\"latentDim\":8", "\"latentDim\":0");
    Exception e = assertThrows(Exception.class, () -> json.readValue(broken, VaeConfig.class));
    assertTrue(e.getCause() instanceof IllegalArgumentException, String.valueOf(e.getCause()));
    assertEquals("latentDim must be >= 1, got 0", e.getCause().getMessage());
  }
}
