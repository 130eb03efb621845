package io.github.vae4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BuffersTest {

  @Test
  void arraysComeBackOnlyInsideALaterScope() {
    float[] first;
    try (Buffers.Scope _ = Buffers.scope()) {
      first = Buffers.take(1234);
    }
    try (Buffers.Scope _ = Buffers.scope()) {
      assertSame(first, Buffers.take(1234));
      assertNotSame(first, Buffers.take(1234), "one array is handed out once per scope");
    }
    assertNotSame(first, Buffers.take(1234), "outside a scope arrays are new");
  }

  @Test
  void scopesCloseInnermostFirstOnTheirThread() {
    Buffers.Scope outer = Buffers.scope();
    Buffers.Scope inner = Buffers.scope();
    assertThrows(IllegalStateException.class, outer::close);
    inner.close();
    outer.close();
    outer.close(); // a second close does nothing
  }

  /** Steps inside scopes, accumulating gradients across them, give what steps without scopes give. */
  @Test
  void parameterGradientsSurviveTheirScope() {
    float[][] scoped = gradients(true);
    float[][] plain = gradients(false);
    for (int i = 0; i < plain.length; i++) {
      assertArrayEquals(plain[i], scoped[i]);
    }
  }

  private static float[][] gradients(boolean scoped) {
    SplittableRandom random = new SplittableRandom(4);
    Tensor w = Tensor.randn(random, 7, 5).requiresGrad(true);
    Tensor b = Tensor.randn(random, 7).requiresGrad(true);
    Tensor v = Tensor.randn(random, 3, 7).requiresGrad(true);
    // a leaf input: its gradient comes from a pooled array (the linear layer's input gradient)
    Tensor e = Tensor.randn(random, 4, 5).requiresGrad(true);
    for (int step = 0; step < 3; step++) {
      Tensor x = e.mul(Tensor.randn(random, 4, 5));
      Buffers.Scope scope = scoped ? Buffers.scope() : null;
      try {
        Tensor h = Tensor.linear(x, w, b).relu().add(Tensor.linear(e.relu(), w, null));
        Tensor y = Tensor.linear(h, v, null).sigmoid();
        y.binaryCrossEntropyWithLogitsSum(Tensor.rand(random, 4, 3)).sum().backward();
        // garbage in this scope's arrays must not reach the gradients kept after it
        if (scoped) {
          java.util.Arrays.fill(Buffers.take(4 * 7), Float.NaN);
        }
      } finally {
        if (scope != null) {
          scope.close();
        }
      }
      if (scoped) {
        // the next scope reuses the arrays above: dirty them
        try (Buffers.Scope _ = Buffers.scope()) {
          java.util.Arrays.fill(Buffers.take(4 * 7), -1e9f);
          java.util.Arrays.fill(Buffers.take(4 * 3), -1e9f);
          java.util.Arrays.fill(Buffers.take(4 * 5), -1e9f);
        }
      }
    }
    return new float[][] {w.grad().toArray(), b.grad().toArray(), v.grad().toArray(), e.grad().toArray()};
  }
}
