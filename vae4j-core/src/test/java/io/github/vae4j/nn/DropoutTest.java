package io.github.vae4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DropoutTest {

  @Test
  void isTheIdentityInEvalMode() {
    Dropout d = new Dropout(0.5f, new SplittableRandom(1));
    d.eval();
    Tensor x = Tensor.randn(new SplittableRandom(2), 10, 10);
    assertArrayEquals(x.toArray(), d.forward(x).toArray());
  }

  @Test
  void dropsAboutPAndRescalesTheRestInTraining() {
    Dropout d = new Dropout(0.25f, new SplittableRandom(1));
    float[] y = d.forward(Tensor.ones(100_000)).toArray();
    int zeros = 0;
    for (float v : y) {
      if (v == 0f) {
        zeros++;
      } else {
        assertEquals(1f / 0.75f, v, 1e-6f);
      }
    }
    assertEquals(0.25, zeros / 100_000.0, 0.01);
  }

  @Test
  void sameSeedSameMask() {
    Tensor x = Tensor.ones(64);
    assertArrayEquals(new Dropout(0.5f, new SplittableRandom(9)).forward(x).toArray(),
        new Dropout(0.5f, new SplittableRandom(9)).forward(x).toArray());
  }

  @Test
  void rejectsProbabilitiesOutsideZeroToOne() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Dropout(1f, new SplittableRandom(0)));
    assertTrue(e.getMessage().contains("got 1.0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Dropout(-0.1f, new SplittableRandom(0)));
  }
}
