package io.github.vae4j.optim;

import static io.github.vae4j.optim.OptimTesting.named;
import static io.github.vae4j.optim.OptimTesting.param;
import static io.github.vae4j.optim.OptimTesting.setGrad;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Behaviour every optimizer shares. */
class OptimizerTest {

  static Stream<Arguments> optimizers() {
    return Stream.of(
        Arguments.of("sgd", (Function<Map<String, Tensor>, Optimizer>) p -> new Sgd(p, Sgd.Config.of(0.02))),
        Arguments.of("sgd nesterov", (Function<Map<String, Tensor>, Optimizer>) p -> new Sgd(p,
            Sgd.Config.of(0.02).withMomentum(0.9).withNesterov(true))),
        Arguments.of("adam", (Function<Map<String, Tensor>, Optimizer>) p -> new Adam(p, Adam.Config.of(0.05))),
        Arguments.of("adamw", (Function<Map<String, Tensor>, Optimizer>) p -> new AdamW(p,
            AdamW.defaults().withLearningRate(0.05).withWeightDecay(1e-4))),
        Arguments.of("adagrad", (Function<Map<String, Tensor>, Optimizer>) p -> new Adagrad(p,
            Adagrad.Config.of(0.5))),
        Arguments.of("rmsprop", (Function<Map<String, Tensor>, Optimizer>) p -> new RmsProp(p,
            RmsProp.Config.of(0.01))),
        Arguments.of("rmsprop centered momentum", (Function<Map<String, Tensor>, Optimizer>) p -> new RmsProp(p,
            RmsProp.Config.of(0.005).withCentered(true).withMomentum(0.5))));
  }

  /** f(p) = sum c (p - t)², curvature 2 to 20: an ill-conditioned bowl. */
  private static Tensor quadratic(Tensor p) {
    Tensor target = Tensor.of(new float[] {1f, -2f, 3f}, 3);
    Tensor curvature = Tensor.of(new float[] {1f, 10f, 3f}, 3);
    return p.sub(target).square().mul(curvature).sum();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void reducesAQuadratic(String name, Function<Map<String, Tensor>, Optimizer> make) {
    Tensor p = param(0f, 0f, 0f);
    Optimizer opt = make.apply(named(p));
    float initial = quadratic(p).item();
    for (int t = 0; t < 500; t++) {
      opt.zeroGrad();
      quadratic(p).backward();
      opt.step();
    }
    float last = quadratic(p).item();
    assertTrue(last < 1e-3 * initial, name + ": loss " + initial + " -> " + last);
    assertEquals(500, opt.steps());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void skipsParametersWithoutGradient(String name, Function<Map<String, Tensor>, Optimizer> make) {
    Tensor used = param(1f, 2f);
    Tensor unused = param(3f, 4f);
    Optimizer opt = make.apply(named(used, unused));
    setGrad(used, 1f, 1f);
    opt.step();
    assertArrayEquals(new float[] {3f, 4f}, unused.toArray());
    assertTrue(used.get(0) < 1f);
    OptimizerState state = opt.state();
    assertEquals(1, state.parameterStep("p0"));
    assertEquals(0, state.parameterStep("p1"));
    assertEquals(List.of(), state.bufferNames("p1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void zeroGradClearsGradients(String name, Function<Map<String, Tensor>, Optimizer> make) {
    Tensor p = param(1f, 2f);
    Optimizer opt = make.apply(named(p));
    setGrad(p, 1f, 1f);
    opt.zeroGrad();
    assertNull(p.gradArray());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void stepReportsANonFiniteGradientWhereverItIs(String name, Function<Map<String, Tensor>, Optimizer> make) {
    // 37 values: a vector kernel's full lanes and its scalar tail both
    for (int bad : new int[] {-1, 5, 20, 36}) {
      for (float value : new float[] {Float.NaN, Float.POSITIVE_INFINITY}) {
        Tensor p = param(new float[37]);
        Optimizer opt = make.apply(named(p));
        float[] g = new float[37];
        Arrays.fill(g, 0.5f);
        if (bad >= 0) {
          g[bad] = value;
        }
        setGrad(p, g);
        assertEquals(bad < 0, opt.step(), name + ", gradient " + value + " at " + bad);
      }
    }
  }

  @Test
  void learningRateCanBeChanged() {
    Tensor p = param(1f);
    Sgd sgd = new Sgd(named(p), Sgd.Config.of(0.1));
    assertEquals(0.1, sgd.learningRate());
    sgd.setLearningRate(0.5);
    assertEquals(0.5, sgd.learningRate());
    assertEquals(0.1, sgd.initialLearningRate());
    setGrad(p, 1f);
    sgd.step();
    assertEquals(0.5f, p.get(0));
    assertThrows(IllegalArgumentException.class, () -> sgd.setLearningRate(-1));
    assertThrows(IllegalArgumentException.class, () -> sgd.setLearningRate(Double.NaN));
  }

  @Test
  void exposesItsParametersInOrder() {
    Tensor a = param(1f);
    Tensor b = param(2f);
    Adam adam = new Adam(named(a, b), Adam.Config.defaults());
    assertEquals(List.of("p0", "p1"), List.copyOf(adam.namedParameters().keySet()));
    assertEquals(List.of(a, b), adam.parameters());
  }

  @Test
  void rejectsEmptyDuplicateAndViewParameters() {
    assertThrows(IllegalArgumentException.class, () -> new Adam(Map.of(), Adam.Config.defaults()));
    Tensor a = param(1f);
    Map<String, Tensor> twice = new LinkedHashMap<>();
    twice.put("a", a);
    twice.put("b", a);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Sgd(twice, Sgd.Config.defaults()));
    assertTrue(e.getMessage().contains("'a' and 'b' are the same tensor"), e.getMessage());
    Tensor view = Tensor.zeros(4).slice(0, 1, 3);
    assertThrows(IllegalArgumentException.class, () -> new Sgd(Map.of("v", view), Sgd.Config.defaults()));
  }
}
