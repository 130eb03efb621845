package io.github.vae4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TrainConfigTest {

  private static final TrainConfig D = TrainConfig.defaults();

  private static TrainConfig with(int epochs, int batch, String optimizer, double lr, double weightDecay,
      String schedule, double validation, int patience, String binarization, double clipNorm, String onNonFinite) {
    return new TrainConfig(epochs, batch, optimizer, lr, weightDecay, 0, schedule, 1, validation, patience,
        binarization, clipNorm, onNonFinite, false);
  }

  @Test
  void defaultsAreThePyTorchExample() {
    assertEquals(new TrainConfig(10, 128, "adam", 1e-3, 0, 0, "constant", 1, 0.1, 0, "none", 0, "stop", false), D);
  }

  @Test
  void withersChangeOneField() {
    TrainConfig c = D.withEpochs(3).withSeed(9).withLearningRate(0.01).withBatchSize(7).withValidationFraction(0.25)
        .withOnNonFinite("rollback");
    assertEquals(new TrainConfig(3, 7, "adam", 0.01, 0, 0, "constant", 9, 0.25, 0, "none", 0, "rollback", false), c);
  }

  static Stream<Arguments> badConfigs() {
    return Stream.of(
        bad("epochs must be >= 1, got 0", () -> D.withEpochs(0)),
        bad("batchSize must be >= 1, got -2", () -> D.withBatchSize(-2)),
        bad("optimizer must be one of [adam, adamw, adagrad, sgd, rmsprop], got 'lbfgs'",
            () -> with(1, 1, "lbfgs", 1e-3, 0, "constant", 0, 0, "none", 0, "stop")),
        bad("learningRate must be > 0, got 0.0", () -> D.withLearningRate(0)),
        bad("learningRate must be > 0, got NaN", () -> D.withLearningRate(Double.NaN)),
        bad("learningRate must be > 0, got Infinity", () -> D.withLearningRate(Double.POSITIVE_INFINITY)),
        bad("weightDecay must be >= 0, got -0.1",
            () -> with(1, 1, "adam", 1e-3, -0.1, "constant", 0, 0, "none", 0, "stop")),
        bad("unknown schedule 'linear'",
            () -> with(1, 1, "adam", 1e-3, 0, "linear", 0, 0, "none", 0, "stop")),
        bad("validationFraction must be in [0, 1), got 1.0", () -> D.withValidationFraction(1)),
        bad("validationFraction must be in [0, 1), got -0.5", () -> D.withValidationFraction(-0.5)),
        bad("patience must be >= 0, got -1",
            () -> with(1, 1, "adam", 1e-3, 0, "constant", 0, -1, "none", 0, "stop")),
        bad("binarization must be one of [none, static, dynamic], got 'random'",
            () -> with(1, 1, "adam", 1e-3, 0, "constant", 0, 0, "random", 0, "stop")),
        bad("clipNorm must be >= 0, got -1.0",
            () -> with(1, 1, "adam", 1e-3, 0, "constant", 0, 0, "none", -1, "stop")),
        bad("onNonFinite must be 'stop' or 'rollback', got 'ignore'", () -> D.withOnNonFinite("ignore")));
  }

  private static Arguments bad(String message, Supplier<TrainConfig> build) {
    return Arguments.of(message, build);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badConfigs")
  void rejectsBadValuesNamingThem(String message, Supplier<TrainConfig> build) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::get);
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void theBuilderStartsFromTheDefaultsAndValidatesOnBuild() {
    TrainConfig c = TrainConfig.builder().epochs(121).batchSize(20).epsilon(1e-4).schedule("iwae")
        .outputBiasFromData(true).build();
    assertEquals(new TrainConfig(121, 20, "adam", 1e-3, 0, 1e-4, "iwae", 1, 0.1, 0, "none", 0, "stop", true), c);
    assertEquals(c, c.toBuilder().build());
    assertEquals("epsilon must be >= 0 (0: the optimizer's default), got -1.0",
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> TrainConfig.builder().epsilon(-1).build()).getMessage());
  }
}
