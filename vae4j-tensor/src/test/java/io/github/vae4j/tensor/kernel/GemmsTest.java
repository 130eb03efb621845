package io.github.vae4j.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class GemmsTest {

  private static final boolean OPENBLAS_SHIPS =
      OpenBlasLibrary.platform().equals("linux-x86_64");

  @Test
  void defaultIsOneOfTheBackendsAndStable() {
    Gemm gemm = Gemms.get();
    assertTrue(Set.of("openblas", "java").contains(gemm.name()), gemm.name());
    assertSame(gemm, Gemms.get());
  }

  @Test
  void automaticChoicePrefersOpenBlas() {
    Gemm gemm = Gemms.choose(null);
    assertEquals(Gemms.openBlas().isPresent() ? "openblas" : "java", gemm.name());
    if (OPENBLAS_SHIPS) {
      assertEquals("openblas", gemm.name());
      assertEquals("openblas", Gemms.choose(" auto ").name());
    }
  }

  @Test
  void propertyForcesABackend() {
    assertSame(Gemms.java(), Gemms.choose("java"));
    assertSame(Gemms.java(), Gemms.choose("JAVA"));
    if (OPENBLAS_SHIPS) {
      Gemm openBlas = Gemms.choose("openblas");
      assertSame(OpenBlasGemm.load(), ((SplitGemm) openBlas).inner());
      assertSame(openBlas, Gemms.choose("openblas"));
      assertEquals(1, OpenBlasGemm.load().threads(), "the engine's threads split the products, not OpenBLAS's");
    }
  }

  @Test
  void aToolCanPutItsOwnBackendInPlace() {
    Gemm before = Gemms.get();
    Gemm wrapper = new Gemm() {
      @Override
      public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset,
          int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
        before.sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
      }

      @Override
      public String name() {
        return "wrapped " + before.name();
      }
    };
    try {
      assertSame(before, Gemms.use(wrapper));
      assertSame(wrapper, Gemms.get());
      assertThrows(NullPointerException.class, () -> Gemms.use(null));
    } finally {
      assertSame(wrapper, Gemms.use(before));
    }
    assertSame(before, Gemms.get());
  }

  @Test
  void rejectsUnknownBackend() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Gemms.choose("cuda"));
    assertEquals("vae4j.backend must be openblas or java, got 'cuda'", e.getMessage());
  }

  @Test
  void javaBackendIsThePureJavaOne() {
    assertEquals("java", Gemms.java().name());
    assertTrue(Gemms.java() instanceof JavaGemm);
  }
}
