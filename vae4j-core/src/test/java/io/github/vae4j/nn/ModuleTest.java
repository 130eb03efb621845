package io.github.vae4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.tensor.Tensor;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class ModuleTest {

  /** A two-part model shaped like a VAE's: an encoder stack, a head, and an own parameter. */
  static final class Toy extends Module {
    final Tensor scale;
    final Sequential encoder;
    final Linear head;

    Toy(RandomGenerator random) {
      scale = registerParameter("scale", Tensor.ones(3));
      encoder = registerModule("encoder", new Sequential(
          new Linear(4, 8, random), Activation.relu(), new Dropout(0.5f, random), new Linear(8, 3, random)));
      head = registerModule("head", new Linear(3, 2, false, Init.xavierUniform(), random));
    }
  }

  @Test
  void namesFollowRegistrationOrderWithDottedPaths() {
    Toy toy = new Toy(new SplittableRandom(1));
    assertEquals(List.of("scale", "encoder.0.weight", "encoder.0.bias", "encoder.3.weight", "encoder.3.bias",
        "head.weight"), List.copyOf(toy.namedParameters().keySet()));
    assertEquals(List.copyOf(toy.namedParameters().keySet()),
        List.copyOf(new Toy(new SplittableRandom(99)).namedParameters().keySet()));
    assertEquals(6, new HashSet<>(toy.namedParameters().keySet()).size());
    assertSame(toy.encoder.get(0), toy.namedChildren().get("encoder").namedChildren().get("0"));
    assertSame(toy.head.weight(), toy.namedParameters().get("head.weight"));
    assertEquals(List.copyOf(toy.namedParameters().values()), toy.parameters());
    for (Tensor p : toy.parameters()) {
      assertTrue(p.requiresGrad());
    }
  }

  @Test
  void countsParameters() {
    assertEquals(314_000, new Linear(784, 400, new SplittableRandom(0)).parameterCount());
    assertEquals(313_600, new Linear(784, 400, false, Init.pytorchDefault(), new SplittableRandom(0)).parameterCount());
    Toy toy = new Toy(new SplittableRandom(1));
    assertEquals(3 + (4 * 8 + 8) + (8 * 3 + 3) + 3 * 2, toy.parameterCount());
  }

  @Test
  void sharedParameterIsListedOnce() {
    Linear shared = new Linear(2, 2, new SplittableRandom(3));
    Sequential tied = new Sequential(shared, Activation.tanh(), shared);
    assertEquals(List.of("0.weight", "0.bias"), List.copyOf(tied.namedParameters().keySet()));
    assertEquals(6, tied.parameterCount());
  }

  @Test
  void trainAndEvalReachEveryDescendant() {
    Toy toy = new Toy(new SplittableRandom(1));
    assertTrue(toy.isTraining());
    toy.eval();
    assertFalse(toy.isTraining());
    assertFalse(toy.encoder.isTraining());
    assertFalse(toy.encoder.get(2).isTraining());
    assertFalse(toy.head.isTraining());
    toy.train();
    assertTrue(toy.encoder.get(2).isTraining());
    toy.train(false);
    assertFalse(toy.encoder.get(3).isTraining());
  }

  @Test
  void zeroGradClearsEveryGradient() {
    Toy toy = new Toy(new SplittableRandom(1));
    toy.eval();
    Tensor x = Tensor.randn(new SplittableRandom(2), 5, 4);
    toy.head.forward(toy.encoder.forward(x).mul(toy.scale)).sum().backward();
    for (Tensor p : toy.parameters()) {
      assertTrue(p.gradArray() != null);
    }
    toy.zeroGrad();
    for (Tensor p : toy.parameters()) {
      assertNull(p.gradArray());
    }
  }

  @Test
  void stateDictRoundTripCopiesValues() {
    Toy source = new Toy(new SplittableRandom(1));
    Toy target = new Toy(new SplittableRandom(2));
    assertNotEquals(source.head.weight().get(0, 0), target.head.weight().get(0, 0));
    Map<String, Tensor> state = source.stateDict();
    assertEquals(List.copyOf(source.namedParameters().keySet()), List.copyOf(state.keySet()));
    target.loadStateDict(state);
    for (Map.Entry<String, Tensor> e : source.namedParameters().entrySet()) {
      assertArrayEquals(e.getValue().toArray(), target.namedParameters().get(e.getKey()).toArray(), e.getKey());
    }
    // the state dict is a copy: changing the model later does not change it
    float before = state.get("scale").get(0);
    source.scale.array()[0] = 42f;
    assertEquals(before, state.get("scale").get(0));
    // and loading does not alias the source tensors
    assertNotEquals(42f, target.scale.get(0));
  }

  @Test
  void loadStateDictNamesEveryProblemAndCopiesNothing() {
    Toy target = new Toy(new SplittableRandom(2));
    float[] headBefore = target.head.weight().toArray();
    Map<String, Tensor> state = new LinkedHashMap<>(new Toy(new SplittableRandom(1)).stateDict());
    state.remove("encoder.0.bias");
    state.put("encoder.3.weight", Tensor.zeros(3, 9));
    state.put("decoder.0.weight", Tensor.zeros(1, 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> target.loadStateDict(state));
    assertTrue(e.getMessage().contains("missing 'encoder.0.bias'"), e.getMessage());
    assertTrue(e.getMessage().contains("'encoder.3.weight' expects shape [3, 8], got [3, 9]"), e.getMessage());
    assertTrue(e.getMessage().contains("unexpected 'decoder.0.weight'"), e.getMessage());
    assertArrayEquals(headBefore, target.head.weight().toArray());
  }

  @Test
  void rejectsBadRegistrations() {
    class Bad extends Module {
      void param(String name, Tensor t) {
        registerParameter(name, t);
      }

      void module(String name, Module m) {
        registerModule(name, m);
      }
    }
    Bad bad = new Bad();
    bad.param("w", Tensor.zeros(2));
    assertThrows(IllegalArgumentException.class, () -> bad.param("w", Tensor.zeros(2)));
    assertThrows(IllegalArgumentException.class, () -> bad.module("w", Activation.relu()));
    assertThrows(IllegalArgumentException.class, () -> bad.param("a.b", Tensor.zeros(2)));
    assertThrows(IllegalArgumentException.class, () -> bad.param("", Tensor.zeros(2)));
    assertThrows(IllegalArgumentException.class, () -> bad.param("view", Tensor.zeros(4).slice(0, 1, 3)));
    assertThrows(IllegalArgumentException.class, () -> bad.module("self", bad));
  }

  @Test
  void printsATree() {
    Sequential mlp = new Sequential(new Linear(2, 16, new SplittableRandom(0)), Activation.tanh(),
        new Linear(16, 2, new SplittableRandom(0)));
    assertEquals("""
        Sequential(
          (0): Linear(in=2, out=16, bias=true)
          (1): Activation(tanh)
          (2): Linear(in=16, out=2, bias=true)
        )""", mlp.toString());
  }
}
