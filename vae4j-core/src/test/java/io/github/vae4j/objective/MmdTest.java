package io.github.vae4j.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MmdTest {

  @ParameterizedTest
  @EnumSource(MmdKernel.class)
  void identicalSamplesHaveAnMmdNearZero(MmdKernel kernel) {
    Tensor a = Tensor.randn(new SplittableRandom(1), 200, 4);
    // the unbiased estimate of identical sets is 2 (mean off-diagonal k - 1) / n: within 1% of k's range
    assertEquals(0.0, kernel.mmd(a, a, 1).item(), 0.01);
  }

  @ParameterizedTest
  @EnumSource(MmdKernel.class)
  void samplesOfOneDistributionAreCloseAndOfAnotherFar(MmdKernel kernel) {
    Tensor a = Tensor.randn(new SplittableRandom(1), 300, 4);
    Tensor b = Tensor.randn(new SplittableRandom(2), 300, 4);
    Tensor shifted = b.add(1.5f);
    float same = kernel.mmd(a, b, 1).item();
    float other = kernel.mmd(a, shifted, 1).item();
    assertEquals(0.0, same, 0.01);
    assertTrue(other > 10 * Math.abs(same) && other > 0.05, kernel + ": same " + same + ", shifted " + other);
  }

  @ParameterizedTest
  @EnumSource(MmdKernel.class)
  void theKernelMatrixIsSymmetricWithOnesOnTheDiagonal(MmdKernel kernel) {
    Tensor a = Tensor.randn(new SplittableRandom(1), 6, 3);
    float[] k = kernel.matrix(a, a, 0.7).toArray();
    for (int i = 0; i < 6; i++) {
      assertEquals(1f, k[i * 6 + i], 1e-5f);
      for (int j = 0; j < 6; j++) {
        assertEquals(k[i * 6 + j], k[j * 6 + i], 1e-6f);
        assertTrue(k[i * 6 + j] > 0 && k[i * 6 + j] <= 1 + 1e-6f);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(MmdKernel.class)
  void matchesTheKernelWrittenOut(MmdKernel kernel) {
    Tensor a = Tensor.of(new float[] {0, 0, 1, 2}, 2, 2);
    Tensor b = Tensor.of(new float[] {3, -1}, 1, 2);
    float[] k = kernel.matrix(a, b, 0.5).toArray();
    double scale = 2 * 2 * 0.25;
    double[] d2 = {10, 13};
    for (int i = 0; i < 2; i++) {
      double expected = kernel == MmdKernel.RBF ? Math.exp(-d2[i] / scale) : scale / (scale + d2[i]);
      assertEquals(expected, k[i], 1e-6);
    }
  }

  @org.junit.jupiter.api.Test
  void needsTwoSamplesOnEachSideAndNamedKernels() {
    Tensor one = Tensor.zeros(1, 2);
    assertThrows(IllegalArgumentException.class, () -> MmdKernel.IMQ.mmd(one, Tensor.zeros(3, 2), 1));
    assertEquals(MmdKernel.IMQ, MmdKernel.parse("imq"));
    assertEquals("the MMD kernel must be rbf or imq, got 'gauss'",
        assertThrows(IllegalArgumentException.class, () -> MmdKernel.parse("gauss")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> new InfoVae(0, 0.5, MmdKernel.IMQ, 1));
    assertThrows(IllegalArgumentException.class, () -> new Wae(10, MmdKernel.RBF, 0));
  }
}
