package io.github.vae4j.tensor;

import static io.github.vae4j.tensor.ConvolutionTestSupport.assertClose;
import static io.github.vae4j.tensor.ConvolutionTestSupport.assertShape;
import static io.github.vae4j.tensor.ConvolutionTestSupport.maxAbs;
import static io.github.vae4j.tensor.ConvolutionTestSupport.numericalGradient;
import static io.github.vae4j.tensor.ConvolutionTestSupport.uniform;
import static io.github.vae4j.tensor.ConvolutionTestSupport.worstError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.tensor.ConvolutionTestSupport.Config;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConvolutionTest {

  // float32 against a double oracle: sums of at most a few hundred O(1) products
  private static final double FORWARD_RTOL = 1e-4;
  // finite differences in float32: relative 1e-2, with gradients under 0.1 compared absolutely
  private static final double GRAD_RTOL = 1e-2;
  private static final double GRAD_FLOOR = 0.1;
  private static final float EPS = 1e-2f;

  static Stream<Config> convConfigs() {
    return Stream.of(
        Config.conv(1, 1, 7, 5, 1, 3, 2, 1, 0, false),
        Config.conv(3, 3, 7, 5, 4, 3, 2, 2, 1, true),
        Config.conv(3, 3, 7, 5, 4, 3, 3, 2, 2, true),
        Config.conv(3, 1, 7, 5, 4, 2, 3, 1, 2, false),
        Config.conv(2, 3, 5, 7, 1, 3, 2, 2, 0, true),
        Config.conv(2, 2, 8, 8, 3, 4, 4, 2, 1, true),
        // 1x1, stride 1, no padding: the image is its own column matrix
        Config.conv(3, 3, 6, 5, 4, 1, 1, 1, 0, true),
        Config.conv(3, 3, 5, 5, 2, 1, 1, 2, 1, false),
        // kernel larger than the image; padding makes room for one position
        Config.conv(1, 3, 3, 3, 2, 5, 5, 1, 1, true),
        // enough work per image that the batch is split across threads
        Config.conv(8, 8, 16, 16, 16, 3, 3, 1, 1, true));
  }

  static Stream<Config> transposedConfigs() {
    return Stream.of(
        Config.transposed(1, 1, 4, 3, 1, 3, 2, 1, 0, 0, false),
        Config.transposed(3, 3, 4, 3, 4, 3, 2, 2, 1, 1, true),
        Config.transposed(3, 3, 7, 5, 4, 3, 3, 2, 2, 0, true),
        Config.transposed(3, 1, 5, 7, 4, 2, 3, 1, 1, 0, false),
        Config.transposed(2, 4, 7, 7, 3, 4, 4, 2, 1, 0, true),
        Config.transposed(3, 2, 3, 4, 2, 3, 2, 3, 1, 2, false),
        Config.transposed(3, 3, 6, 5, 4, 1, 1, 1, 0, 0, true),
        Config.transposed(2, 3, 5, 5, 2, 1, 1, 2, 0, 1, true),
        Config.transposed(8, 16, 9, 9, 8, 4, 4, 2, 1, 0, true));
  }

  /** Small configurations for finite differences, which run two forward passes per element. */
  static Stream<Config> convGradConfigs() {
    return Stream.of(
        Config.conv(2, 3, 7, 5, 4, 3, 2, 2, 1, true),
        Config.conv(1, 2, 6, 6, 3, 3, 3, 1, 0, true),
        Config.conv(3, 1, 5, 7, 2, 2, 3, 1, 2, true),
        Config.conv(2, 3, 4, 5, 2, 1, 1, 1, 0, true));
  }

  static Stream<Config> transposedGradConfigs() {
    return Stream.of(
        Config.transposed(2, 3, 4, 3, 4, 3, 2, 2, 1, 1, true),
        Config.transposed(1, 2, 5, 5, 3, 3, 3, 1, 0, 0, true),
        Config.transposed(2, 3, 4, 4, 2, 4, 4, 2, 1, 0, true),
        Config.transposed(2, 3, 4, 5, 2, 1, 1, 1, 0, 0, true));
  }

  /** One configuration's tensors, all leaves that require gradients. */
  private record Case(Config config, Tensor x, Tensor w, Tensor b, boolean transposed) {

    static Case conv(Config k, long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      return new Case(k, uniform(random, k.n(), k.c(), k.h(), k.w()).requiresGrad(true),
          uniform(random, k.o(), k.c(), k.kh(), k.kw()).requiresGrad(true),
          k.bias() ? uniform(random, k.o()).requiresGrad(true) : null, false);
    }

    static Case transposed(Config k, long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      return new Case(k, uniform(random, k.n(), k.c(), k.h(), k.w()).requiresGrad(true),
          uniform(random, k.c(), k.o(), k.kh(), k.kw()).requiresGrad(true),
          k.bias() ? uniform(random, k.o()).requiresGrad(true) : null, true);
    }

    Tensor forward() {
      Config k = config;
      return transposed
          ? Tensor.convTranspose2d(x, w, b, k.stride(), k.padding(), k.outputPadding())
          : Tensor.conv2d(x, w, b, k.stride(), k.padding());
    }

    double[] reference() {
      float[] bv = b == null ? null : b.toArray();
      return transposed
          ? ConvolutionTestSupport.convTranspose2d(config, x.toArray(), w.toArray(), bv)
          : ConvolutionTestSupport.conv2d(config, x.toArray(), w.toArray(), bv);
    }

    double[][] referenceGradients(float[] g) {
      return transposed
          ? ConvolutionTestSupport.convTranspose2dGradients(config, x.toArray(), w.toArray(), g)
          : ConvolutionTestSupport.conv2dGradients(config, x.toArray(), w.toArray(), g);
    }

    int[] outShape() {
      Config k = config;
      return transposed
          ? new int[] {k.n(), k.o(), k.transposedHeight(), k.transposedWidth()}
          : new int[] {k.n(), k.o(), k.convHeight(), k.convWidth()};
    }
  }

  private static float[] randomWeights(long seed, int size) {
    return uniform(new SplittableRandom(seed), size).toArray();
  }

  // ---------------------------------------------------------------- forward against the definitions

  @ParameterizedTest
  @MethodSource("convConfigs")
  void conv2dMatchesNestedLoops(Config k) {
    Case c = Case.conv(k, 11);
    Tensor y = c.forward();
    assertShape(c.outShape(), y);
    assertClose(c.reference(), y.toArray(), FORWARD_RTOL, 1, "conv2d " + k);
  }

  @ParameterizedTest
  @MethodSource("transposedConfigs")
  void convTranspose2dMatchesScatterLoops(Config k) {
    Case c = Case.transposed(k, 12);
    Tensor y = c.forward();
    assertShape(c.outShape(), y);
    assertClose(c.reference(), y.toArray(), FORWARD_RTOL, 1, "convTranspose2d " + k);
  }

  // ---------------------------------------------------------------- gradients against the definitions

  @ParameterizedTest
  @MethodSource("convConfigs")
  void conv2dGradientsMatchNestedLoops(Config k) {
    assertGradientsMatchReference(Case.conv(k, 21));
  }

  @ParameterizedTest
  @MethodSource("transposedConfigs")
  void convTranspose2dGradientsMatchScatterLoops(Config k) {
    assertGradientsMatchReference(Case.transposed(k, 22));
  }

  private static void assertGradientsMatchReference(Case c) {
    Tensor y = c.forward();
    float[] g = randomWeights(99, y.size());
    y.backward(g.clone());
    double[][] expected = c.referenceGradients(g);
    String what = (c.transposed() ? "convTranspose2d " : "conv2d ") + c.config();
    assertClose(expected[0], c.x().gradArray(), FORWARD_RTOL, 1, "input gradient of " + what);
    assertClose(expected[1], c.w().gradArray(), FORWARD_RTOL, 1, "weight gradient of " + what);
    if (c.b() != null) {
      assertClose(expected[2], c.b().gradArray(), FORWARD_RTOL, 1, "bias gradient of " + what);
    }
  }

  // ---------------------------------------------------------------- finite differences

  @ParameterizedTest
  @MethodSource("convGradConfigs")
  void conv2dGradientsMatchFiniteDifferences(Config k) {
    assertGradientsMatchFiniteDifferences(Case.conv(k, 31));
  }

  @ParameterizedTest
  @MethodSource("transposedGradConfigs")
  void convTranspose2dGradientsMatchFiniteDifferences(Config k) {
    assertGradientsMatchFiniteDifferences(Case.transposed(k, 32));
  }

  private static void assertGradientsMatchFiniteDifferences(Case c) {
    Tensor y = c.forward();
    float[] r = randomWeights(7, y.size());
    // the analytic gradient of L = Σ y · r with respect to y is r
    y.backward(r.clone());
    String what = (c.transposed() ? "convTranspose2d " : "conv2d ") + c.config();
    Supplier<Tensor> forward = c::forward;
    Tensor[] params = c.b() == null ? new Tensor[] {c.x(), c.w()} : new Tensor[] {c.x(), c.w(), c.b()};
    String[] names = {"input", "weight", "bias"};
    for (int i = 0; i < params.length; i++) {
      double[] numeric = numericalGradient(forward, params[i], r, EPS);
      assertTrue(maxAbs(numeric) > 0.2, names[i] + " gradient of " + what + " is too small to test");
      assertNotNull(params[i].gradArray(), names[i] + " of " + what + " got no gradient");
      assertClose(numeric, params[i].gradArray(), GRAD_RTOL, GRAD_FLOOR, names[i] + " gradient of " + what);
    }
  }

  @Test
  void finiteDifferenceCheckRejectsASlightlyWrongGradient() {
    Case c = Case.conv(Config.conv(2, 3, 7, 5, 4, 3, 2, 2, 1, true), 41);
    Tensor y = c.forward();
    float[] r = randomWeights(7, y.size());
    y.backward(r.clone());
    double[] numeric = numericalGradient(c::forward, c.w(), r, EPS);
    float[] analytic = c.w().gradArray().clone();
    assertTrue(worstError(numeric, analytic, GRAD_RTOL, GRAD_FLOOR) <= 1);
    // one weight's gradient 5% off must fail the check
    int i = 17;
    analytic[i] += (float) (0.05 * Math.max(Math.abs(numeric[i]), GRAD_FLOOR));
    assertTrue(worstError(numeric, analytic, GRAD_RTOL, GRAD_FLOOR) > 1);
  }

  // ---------------------------------------------------------------- what gets a gradient

  @Test
  void onlyInputsThatRequireGradientsGetThem() {
    Config k = Config.conv(2, 3, 7, 5, 4, 3, 2, 2, 1, true);
    SplittableRandom random = new SplittableRandom(51);
    Tensor x = uniform(random, 2, 3, 7, 5);
    Tensor w = uniform(random, 4, 3, 3, 2).requiresGrad(true);
    Tensor b = uniform(random, 4);
    Tensor y = Tensor.conv2d(x, w, b, 2, 1);
    float[] g = randomWeights(5, y.size());
    y.backward(g.clone());
    assertNull(x.gradArray());
    assertNull(b.gradArray());
    double[][] expected = ConvolutionTestSupport.conv2dGradients(k, x.toArray(), w.toArray(), g);
    assertClose(expected[1], w.gradArray(), FORWARD_RTOL, 1, "weight gradient alone");

    Config kt = Config.transposed(2, 3, 7, 5, 4, 3, 2, 2, 1, 1, false);
    Tensor xt = x.copy().requiresGrad(true);
    Tensor wt = uniform(random, 3, 4, 3, 2);
    Tensor yt = Tensor.convTranspose2d(xt, wt, null, 2, 1, 1);
    float[] gt = randomWeights(6, yt.size());
    yt.backward(gt.clone());
    assertNull(wt.gradArray());
    double[][] expectedT = ConvolutionTestSupport.convTranspose2dGradients(kt, xt.toArray(), wt.toArray(), gt);
    assertClose(expectedT[0], xt.gradArray(), FORWARD_RTOL, 1, "input gradient alone");
  }

  @Test
  void noGraphIsRecordedWithoutGradients() {
    SplittableRandom random = new SplittableRandom(52);
    Tensor y = Tensor.conv2d(uniform(random, 1, 2, 5, 5), uniform(random, 3, 2, 3, 3), null, 1, 1);
    assertTrue(!y.requiresGrad());
    Tensor x = uniform(random, 1, 2, 5, 5).requiresGrad(true);
    try (GradMode _ = GradMode.noGrad()) {
      assertTrue(!Tensor.conv2d(x, uniform(random, 3, 2, 3, 3), null, 1, 1).requiresGrad());
    }
  }

  @Test
  void stridedViewInputMatchesItsDenseCopy() {
    Config k = Config.conv(2, 3, 6, 5, 4, 3, 3, 2, 1, false);
    SplittableRandom random = new SplittableRandom(53);
    // channels-last storage, read through a permuted (non-contiguous) view
    Tensor channelsLast = uniform(random, 2, 6, 5, 3).requiresGrad(true);
    Tensor x = channelsLast.permute(0, 3, 1, 2);
    Tensor w = uniform(random, 4, 3, 3, 3);
    Tensor y = Tensor.conv2d(x, w, null, 2, 1);
    assertClose(ConvolutionTestSupport.conv2d(k, x.toArray(), w.toArray(), null), y.toArray(), FORWARD_RTOL, 1,
        "conv2d of a permuted view");
    float[] g = randomWeights(8, y.size());
    y.backward(g.clone());
    double[] expected = ConvolutionTestSupport.conv2dGradients(k, x.toArray(), w.toArray(), g)[0];
    assertClose(expected, channelsLast.grad().permute(0, 3, 1, 2).toArray(), FORWARD_RTOL, 1,
        "input gradient through a permuted view");
  }

  // ---------------------------------------------------------------- adjointness

  static Stream<Config> adjointConfigs() {
    // outputPadding = (h + 2p - kh) mod s, equal for both axes, so convTranspose2d returns to h x w
    return Stream.of(
        Config.conv(2, 3, 7, 6, 4, 3, 2, 2, 1, false),
        Config.conv(1, 2, 28, 28, 3, 4, 4, 2, 1, false),
        Config.conv(2, 3, 8, 6, 2, 3, 3, 2, 1, false),
        Config.conv(1, 2, 9, 9, 2, 3, 3, 3, 0, false),
        Config.conv(1, 1, 10, 7, 1, 3, 3, 3, 1, false),
        Config.conv(2, 4, 5, 5, 3, 1, 1, 1, 0, false));
  }

  @ParameterizedTest
  @MethodSource("adjointConfigs")
  void convTranspose2dIsTheAdjointOfConv2d(Config k) {
    int outputPadding = Math.floorMod(k.h() + 2 * k.padding() - k.kh(), k.stride());
    assertEquals(outputPadding, Math.floorMod(k.w() + 2 * k.padding() - k.kw(), k.stride()),
        "test configuration needs the same output padding on both axes");
    SplittableRandom random = new SplittableRandom(61);
    Tensor x = uniform(random, k.n(), k.c(), k.h(), k.w());
    Tensor w = uniform(random, k.o(), k.c(), k.kh(), k.kw());
    Tensor y = uniform(random, k.n(), k.o(), k.convHeight(), k.convWidth());
    Tensor convX = Tensor.conv2d(x, w, null, k.stride(), k.padding());
    Tensor transposedY = Tensor.convTranspose2d(y, w, null, k.stride(), k.padding(), outputPadding);
    assertShape(y.shape(), convX);
    assertShape(x.shape(), transposedY);
    double[] left = dot(convX.toArray(), y.toArray());
    double[] right = dot(x.toArray(), transposedY.toArray());
    // each side carries float32 rounding of order 1e-6 relative to the sum of |terms|
    double scale = Math.max(left[1], right[1]);
    assertEquals(left[0], right[0], 1e-5 * scale, "<conv2d(x), y> vs <x, convTranspose2d(y)> for " + k);
  }

  /** {Σ a·b, Σ |a·b|} in double. */
  private static double[] dot(float[] a, float[] b) {
    double s = 0;
    double abs = 0;
    for (int i = 0; i < a.length; i++) {
      double p = (double) a[i] * b[i];
      s += p;
      abs += Math.abs(p);
    }
    return new double[] {s, abs};
  }

  // ---------------------------------------------------------------- shapes

  @Test
  void mnistEncoderAndDecoderShapes() {
    SplittableRandom random = new SplittableRandom(71);
    Tensor image = uniform(random, 2, 1, 28, 28);
    Tensor h1 = Tensor.conv2d(image, uniform(random, 8, 1, 4, 4), uniform(random, 8), 2, 1);
    assertShape(new int[] {2, 8, 14, 14}, h1);
    Tensor h2 = Tensor.conv2d(h1, uniform(random, 16, 8, 4, 4), uniform(random, 16), 2, 1);
    assertShape(new int[] {2, 16, 7, 7}, h2);

    Tensor d1 = Tensor.convTranspose2d(h2, uniform(random, 16, 8, 4, 4), uniform(random, 8), 2, 1, 0);
    assertShape(new int[] {2, 8, 14, 14}, d1);
    Tensor d2 = Tensor.convTranspose2d(d1, uniform(random, 8, 1, 4, 4), uniform(random, 1), 2, 1, 0);
    assertShape(new int[] {2, 1, 28, 28}, d2);

    // the 3x3 variant needs outputPadding 1 to land on even sizes
    Tensor e1 = Tensor.convTranspose2d(h2, uniform(random, 16, 8, 3, 3), null, 2, 1, 1);
    assertShape(new int[] {2, 8, 14, 14}, e1);
    Tensor e2 = Tensor.convTranspose2d(e1, uniform(random, 8, 1, 3, 3), null, 2, 1, 1);
    assertShape(new int[] {2, 1, 28, 28}, e2);
    assertShape(new int[] {2, 8, 13, 13},
        Tensor.convTranspose2d(h2, uniform(random, 16, 8, 3, 3), null, 2, 1, 0));
  }

  @Test
  void emptyBatchGivesEmptyOutput() {
    SplittableRandom random = new SplittableRandom(72);
    Tensor w = uniform(random, 4, 3, 3, 3);
    assertShape(new int[] {0, 4, 5, 5}, Tensor.conv2d(Tensor.zeros(0, 3, 5, 5), w, null, 1, 1));
    assertShape(new int[] {0, 3, 5, 5}, Tensor.convTranspose2d(Tensor.zeros(0, 4, 5, 5), w, null, 1, 1, 0));
  }

  // ---------------------------------------------------------------- bad arguments

  @Test
  void conv2dRejectsBadShapesAndSettings() {
    Tensor w = Tensor.zeros(4, 3, 3, 3);
    Tensor x = Tensor.zeros(8, 3, 28, 28);
    assertMessage("conv2d expects input [n, c, h, w] with c = 3, got [8, 1, 28, 28]",
        () -> Tensor.conv2d(Tensor.zeros(8, 1, 28, 28), w, null, 1, 0));
    assertMessage("conv2d expects input [n, c, h, w], got [3, 28, 28]",
        () -> Tensor.conv2d(Tensor.zeros(3, 28, 28), w, null, 1, 0));
    assertMessage("conv2d expects weight [o, c, kh, kw], got [4, 27]",
        () -> Tensor.conv2d(x, Tensor.zeros(4, 27), null, 1, 0));
    assertMessage("conv2d expects bias [4], got [3]", () -> Tensor.conv2d(x, w, Tensor.zeros(3), 1, 0));
    assertMessage("conv2d expects bias [4], got [4, 1]", () -> Tensor.conv2d(x, w, Tensor.zeros(4, 1), 1, 0));
    assertMessage("conv2d needs stride >= 1, got 0", () -> Tensor.conv2d(x, w, null, 0, 0));
    assertMessage("conv2d needs padding >= 0, got -1", () -> Tensor.conv2d(x, w, null, 1, -1));
    assertMessage("conv2d output would be -1x-1: input 3x3 with padding 0 is smaller than kernel 5x5",
        () -> Tensor.conv2d(Tensor.zeros(1, 3, 3, 3), Tensor.zeros(2, 3, 5, 5), null, 1, 0));
    assertMessage("conv2d expects weight [o, c, kh, kw] with every dimension >= 1, got [4, 3, 0, 3]",
        () -> Tensor.conv2d(x, Tensor.zeros(4, 3, 0, 3), null, 1, 0));
  }

  @Test
  void convTranspose2dRejectsBadShapesAndSettings() {
    Tensor w = Tensor.zeros(3, 4, 4, 4);
    Tensor x = Tensor.zeros(8, 3, 7, 7);
    assertMessage("convTranspose2d expects input [n, c, h, w] with c = 3, got [8, 4, 7, 7]",
        () -> Tensor.convTranspose2d(Tensor.zeros(8, 4, 7, 7), w, null, 2, 1, 0));
    assertMessage("convTranspose2d expects input [n, c, h, w], got [8, 147]",
        () -> Tensor.convTranspose2d(Tensor.zeros(8, 147), w, null, 2, 1, 0));
    assertMessage("convTranspose2d expects weight [c, o, kh, kw], got [3, 4, 16]",
        () -> Tensor.convTranspose2d(x, Tensor.zeros(3, 4, 16), null, 2, 1, 0));
    assertMessage("convTranspose2d expects bias [4], got [3]",
        () -> Tensor.convTranspose2d(x, w, Tensor.zeros(3), 2, 1, 0));
    assertMessage("convTranspose2d needs stride >= 1, got 0",
        () -> Tensor.convTranspose2d(x, w, null, 0, 1, 0));
    assertMessage("convTranspose2d needs padding >= 0, got -2",
        () -> Tensor.convTranspose2d(x, w, null, 2, -2, 0));
    assertMessage("convTranspose2d needs 0 <= outputPadding < stride, got outputPadding 2 with stride 2",
        () -> Tensor.convTranspose2d(x, w, null, 2, 1, 2));
    assertMessage("convTranspose2d needs 0 <= outputPadding < stride, got outputPadding -1 with stride 2",
        () -> Tensor.convTranspose2d(x, w, null, 2, 1, -1));
    assertMessage("convTranspose2d output would be -1x-1",
        () -> Tensor.convTranspose2d(Tensor.zeros(1, 3, 1, 1), Tensor.zeros(3, 2, 1, 1), null, 1, 1, 0));
  }

  private static void assertMessage(String expectedStart, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().startsWith(expectedStart),
        "expected a message starting with \"" + expectedStart + "\", got \"" + e.getMessage() + "\"");
  }
}
