package io.github.vae4j.tensor.kernel;

/**
 * A single-precision general matrix product, row-major: C = alpha * op(A) * op(B) + beta * C.
 *
 * <p>Shapes: op(A) is [m, k], op(B) is [k, n], C is [m, n]. op(X) is X or its transpose. Leading
 * dimensions are row strides in elements, as in CBLAS with {@code CblasRowMajor}. Offsets are in
 * elements into the arrays, so batched products can address slices of one array without copying.
 *
 * <p>Implementations: {@link OpenBlasGemm} (native, through the Foreign Function and Memory API)
 * and {@link JavaGemm} (pure Java, the fallback and oracle). {@link Gemms#get()} picks one.
 */
public interface Gemm {

  void sgemm(boolean transA, boolean transB, int m, int n, int k,
      float alpha, float[] a, int aOffset, int lda,
      float[] b, int bOffset, int ldb,
      float beta, float[] c, int cOffset, int ldc);

  /** The backend's name, as logged and recorded in model provenance: "openblas" or "java". */
  String name();
}
