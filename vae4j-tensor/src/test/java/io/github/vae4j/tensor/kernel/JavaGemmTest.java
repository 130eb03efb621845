package io.github.vae4j.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JavaGemmTest extends GemmContract {

  private static final JavaGemm GEMM = new JavaGemm();

  @Override
  Gemm gemm() {
    return GEMM;
  }

  @Test
  void nameIsJava() {
    assertEquals("java", GEMM.name());
  }

  @Test
  void serialAndParallelAgreeBitForBit() {
    SplittableRandom random = new SplittableRandom(19);
    float[] a = new float[131 * 300];
    float[] b = new float[150 * 300];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) random.nextDouble(-1, 1);
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) random.nextDouble(-1, 1);
    }
    float[] serial = new float[131 * 150];
    float[] parallel = new float[131 * 150];
    new JavaGemm(1).sgemm(false, true, 131, 150, 300, 1f, a, 0, 300, b, 0, 300, 0f, serial, 0,
        150);
    new JavaGemm(3).sgemm(false, true, 131, 150, 300, 1f, a, 0, 300, b, 0, 300, 0f, parallel, 0,
        150);
    assertArrayEquals(serial, parallel);
  }

  @Test
  void rejectsZeroParallelism() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new JavaGemm(0));
    assertEquals("parallelism must be >= 1, got 0", e.getMessage());
  }
}
