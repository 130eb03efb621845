package io.github.vae4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.vae4j.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FlattenTest {

  @Test
  void flattensAllButTheBatchAxis() {
    Tensor x = Tensor.randn(new SplittableRandom(1), 2, 3, 4, 5);
    Tensor y = new Flatten().forward(x);
    assertArrayEquals(new int[] {2, 60}, y.shape());
    assertArrayEquals(x.toArray(), y.toArray());
    assertArrayEquals(new int[] {7, 1}, new Flatten().forward(Tensor.zeros(7)).shape());
  }
}
