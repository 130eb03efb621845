package io.github.vae4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FansTest {

  @Test
  void followsPytorchForLinearAndConvolutionWeights() {
    assertEquals(new Fans(784, 400), Fans.of(400, 784));
    assertEquals(new Fans(3 * 25, 8 * 25), Fans.of(8, 3, 5, 5));
    // a transposed convolution's weight is [in, out, k, k]: PyTorch reads fan-in from axis 1
    assertEquals(new Fans(16 * 16, 32 * 16), Fans.of(32, 16, 4, 4));
  }

  @Test
  void rejectsVectorsAndEmptyAxes() {
    assertThrows(IllegalArgumentException.class, () -> Fans.of(5));
    assertThrows(IllegalArgumentException.class, () -> Fans.of(0, 3));
    assertThrows(IllegalArgumentException.class, () -> new Fans(0, 1));
  }
}
