package io.github.vae4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.vae4j.tensor.Tensor;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class ActivationTest {

  private static final float[] X = {-3f, -0.5f, 0f, 0.25f, 2f};

  private static void check(Activation a, DoubleUnaryOperator f) {
    Tensor y = a.forward(Tensor.of(X, 5));
    for (int i = 0; i < X.length; i++) {
      assertEquals(f.applyAsDouble(X[i]), y.get(i), 1e-5, a + " at " + X[i]);
    }
  }

  @Test
  void eachKindComputesItsFormula() {
    check(Activation.relu(), x -> Math.max(x, 0));
    check(Activation.leakyRelu(0.2f), x -> x >= 0 ? x : 0.2 * x);
    check(Activation.elu(), x -> x > 0 ? x : Math.exp(x) - 1);
    check(Activation.elu(0.5f), x -> x > 0 ? x : 0.5 * (Math.exp(x) - 1));
    check(Activation.gelu(),
        x -> 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x))));
    check(Activation.tanh(), Math::tanh);
    check(Activation.sigmoid(), x -> 1 / (1 + Math.exp(-x)));
    check(Activation.softplus(), x -> Math.log1p(Math.exp(x)));
    check(Activation.identity(), x -> x);
  }

  @Test
  void ofUsesPytorchDefaults() {
    assertEquals(0.01f, Activation.of(ActivationKind.LEAKY_RELU).parameter());
    assertEquals(1f, Activation.of(ActivationKind.ELU).parameter());
    for (ActivationKind kind : ActivationKind.values()) {
      assertSame(kind, Activation.of(kind).kind());
      assertArrayEquals(new int[] {2, 3}, Activation.of(kind).forward(Tensor.zeros(2, 3)).shape());
    }
  }

  @Test
  void parsesConfigSpellings() {
    assertSame(ActivationKind.RELU, ActivationKind.parse("relu"));
    assertSame(ActivationKind.RELU, ActivationKind.parse(" ReLU "));
    assertSame(ActivationKind.LEAKY_RELU, ActivationKind.parse("leaky_relu"));
    assertSame(ActivationKind.LEAKY_RELU, ActivationKind.parse("LeakyReLU"));
    assertSame(ActivationKind.LEAKY_RELU, ActivationKind.parse("leaky-relu"));
    assertSame(ActivationKind.IDENTITY, ActivationKind.parse("linear"));
    for (ActivationKind kind : ActivationKind.values()) {
      assertSame(kind, ActivationKind.parse(kind.id()));
      assertSame(kind, ActivationKind.parse(kind.name()));
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ActivationKind.parse("swish"));
    assertEquals("unknown activation 'swish', expected one of relu, leaky_relu, elu, gelu, tanh, sigmoid, softplus, "
        + "identity", e.getMessage());
  }

  @Test
  void rejectsBadParameters() {
    assertThrows(IllegalArgumentException.class, () -> Activation.leakyRelu(-0.1f));
    assertThrows(IllegalArgumentException.class, () -> Activation.elu(0f));
    assertThrows(IllegalArgumentException.class, () -> Activation.elu(Float.NaN));
  }

  @Test
  void hasNoParameters() {
    assertEquals(0, Activation.relu().parameterCount());
  }
}
