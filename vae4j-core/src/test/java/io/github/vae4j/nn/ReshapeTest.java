package io.github.vae4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.vae4j.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReshapeTest {

  @Test
  void reshapesEachSample() {
    Tensor x = Tensor.randn(new SplittableRandom(1), 3, 64);
    Tensor y = new Reshape(4, 4, 4).forward(x);
    assertArrayEquals(new int[] {3, 4, 4, 4}, y.shape());
    assertArrayEquals(x.toArray(), y.toArray());
    assertArrayEquals(new int[] {3, 16, 4}, new Reshape(-1, 4).forward(x).shape());
  }

  @Test
  void flattenUndoesIt() {
    Tensor x = Tensor.randn(new SplittableRandom(1), 2, 12);
    assertArrayEquals(x.toArray(), new Flatten().forward(new Reshape(3, 2, 2).forward(x)).toArray());
  }

  @Test
  void rejectsBadShapes() {
    assertThrows(IllegalArgumentException.class, Reshape::new);
    assertThrows(IllegalArgumentException.class, () -> new Reshape(0, 3));
    assertThrows(IllegalArgumentException.class, () -> new Reshape(-1, -1));
    assertThrows(IllegalArgumentException.class, () -> new Reshape(5).forward(Tensor.zeros(2, 6)));
  }
}
