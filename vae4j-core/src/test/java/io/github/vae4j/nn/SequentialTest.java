package io.github.vae4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.vae4j.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SequentialTest {

  @Test
  void childrenAreNamedByPosition() {
    SplittableRandom r = new SplittableRandom(4);
    Sequential s = new Sequential(new Linear(4, 3, r), Activation.relu(), new Linear(3, 2, r));
    assertEquals(List.of("0", "1", "2"), List.copyOf(s.namedChildren().keySet()));
    assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(s.namedParameters().keySet()));
    assertEquals(3, s.size());
    assertSame(s.layers().get(1), s.get(1));
  }

  @Test
  void forwardComposesInOrder() {
    SplittableRandom r = new SplittableRandom(4);
    Linear first = new Linear(4, 3, r);
    Linear second = new Linear(3, 2, r);
    Sequential s = new Sequential(List.of(first, Activation.tanh(), second));
    Tensor x = Tensor.randn(new SplittableRandom(8), 5, 4);
    assertArrayEquals(second.forward(first.forward(x).tanh()).toArray(), s.forward(x).toArray());
  }

  @Test
  void rejectsAnEmptyStack() {
    assertThrows(IllegalArgumentException.class, Sequential::new);
  }
}
