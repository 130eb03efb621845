package io.github.vae4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.nn.Activation;
import io.github.vae4j.nn.Linear;
import io.github.vae4j.nn.Module;
import io.github.vae4j.nn.Sequential;
import io.github.vae4j.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OptimizerStateTest {

  /** An MLP plus a head that never gets a gradient, so the state holds a never-stepped parameter. */
  static final class Net extends Module {
    final Sequential body;

    Net(long seed) {
      SplittableRandom r = new SplittableRandom(seed);
      body = registerModule("body", new Sequential(new Linear(3, 8, r), Activation.tanh(), new Linear(8, 2, r)));
      registerModule("unused", new Linear(2, 2, r));
    }
  }

  static Stream<Arguments> optimizers() {
    return Stream.of(
        Arguments.of((Function<Map<String, Tensor>, Optimizer>) p -> new Sgd(p, Sgd.Config.of(0.05))),
        Arguments.of((Function<Map<String, Tensor>, Optimizer>) p -> new Sgd(p,
            Sgd.Config.of(0.05).withMomentum(0.9).withNesterov(true).withWeightDecay(1e-3))),
        Arguments.of((Function<Map<String, Tensor>, Optimizer>) p -> new Adam(p,
            Adam.Config.of(0.01).withAmsgrad(true).withWeightDecay(1e-3))),
        Arguments.of((Function<Map<String, Tensor>, Optimizer>) p -> new AdamW(p, AdamW.defaults())),
        Arguments.of((Function<Map<String, Tensor>, Optimizer>) p -> new Adagrad(p,
            Adagrad.Config.of(0.05).withLearningRateDecay(0.01).withInitialAccumulatorValue(0.1))),
        Arguments.of((Function<Map<String, Tensor>, Optimizer>) p -> new RmsProp(p,
            RmsProp.Config.of(0.01).withMomentum(0.5).withCentered(true))));
  }

  private static final Tensor X = Tensor.randn(new SplittableRandom(100), 16, 3);
  private static final Tensor Y = Tensor.randn(new SplittableRandom(101), 16, 2);

  /** One training step: an exponential schedule, forward, squared error, backward, step. */
  private static void trainStep(Net net, Optimizer opt) {
    Schedule.exponential(0.95).apply(opt, opt.steps());
    opt.zeroGrad();
    net.body.forward(X).sub(Y).square().mean().backward();
    opt.step();
  }

  @ParameterizedTest
  @MethodSource("optimizers")
  void resumedRunContinuesBitForBit(Function<Map<String, Tensor>, Optimizer> make) throws IOException {
    Net original = new Net(1);
    Optimizer opt = make.apply(original.namedParameters());
    for (int t = 0; t < 7; t++) {
      trainStep(original, opt);
    }
    byte[] saved = opt.state().toBytes();
    Map<String, Tensor> weights = original.stateDict();

    Net resumed = new Net(2);
    resumed.loadStateDict(weights);
    Optimizer restored = make.apply(resumed.namedParameters());
    restored.loadState(OptimizerState.fromBytes(saved));
    assertEquals(opt.steps(), restored.steps());
    assertEquals(opt.learningRate(), restored.learningRate());
    assertEquals(opt.state(), restored.state());

    for (int t = 0; t < 5; t++) {
      trainStep(original, opt);
      trainStep(resumed, restored);
    }
    for (Map.Entry<String, Tensor> e : original.namedParameters().entrySet()) {
      assertArrayEquals(bits(e.getValue()), bits(resumed.namedParameters().get(e.getKey())), e.getKey());
    }
    assertEquals(opt.state(), restored.state());
  }

  @Test
  void byteSizeCountsNamesAsModifiedUtf8() {
    // one, two and three bytes per char, and NUL, which modified UTF-8 writes in two
    Tensor p = Tensor.randn(new SplittableRandom(3), 5).requiresGrad(true);
    Adam adam = new Adam(Map.of("w\u00e9\u20ac\u0000", p), Adam.Config.defaults());
    p.square().sum().backward();
    adam.step();
    OptimizerState state = adam.state();
    assertEquals(state.toBytes().length, state.byteSize());
  }

  @ParameterizedTest
  @MethodSource("optimizers")
  void bytesRoundTrip(Function<Map<String, Tensor>, Optimizer> make) throws IOException {
    Net net = new Net(1);
    Optimizer opt = make.apply(net.namedParameters());
    trainStep(net, opt);
    trainStep(net, opt);
    OptimizerState state = opt.state();
    OptimizerState read = OptimizerState.fromBytes(state.toBytes());
    assertEquals(state, read);
    assertEquals(state.toBytes().length, state.byteSize());
    assertEquals(state.hashCode(), read.hashCode());
    assertEquals(opt.kind(), read.kind());
    assertEquals(opt.hyperParameters(), read.hyperParameters());
    assertEquals(2, read.parameterStep("body.0.weight"));
    assertEquals(0, read.parameterStep("unused.weight"));
  }

  @Test
  void stateIsASnapshot() {
    Net net = new Net(1);
    Adam adam = new Adam(net.namedParameters(), Adam.Config.defaults());
    trainStep(net, adam);
    OptimizerState before = adam.state();
    float[] expAvg = before.buffer("body.0.weight", "exp_avg");
    trainStep(net, adam);
    assertArrayEquals(expAvg, before.buffer("body.0.weight", "exp_avg"));
    assertNotEquals(before, adam.state());
    assertEquals(List.of("exp_avg", "exp_avg_sq"), before.bufferNames("body.0.weight"));
  }

  @Test
  void rejectsAnotherKindOrOtherHyperParameters() {
    Net net = new Net(1);
    Adam adam = new Adam(net.namedParameters(), Adam.Config.defaults());
    trainStep(net, adam);
    OptimizerState state = adam.state();
    IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
        () -> new Sgd(net.namedParameters(), Sgd.Config.defaults()).loadState(state));
    assertEquals("optimizer state is for adam, this optimizer is sgd", kind.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new AdamW(net.namedParameters(), Adam.Config.defaults()).loadState(state));
    IllegalArgumentException hyper = assertThrows(IllegalArgumentException.class,
        () -> new Adam(net.namedParameters(), Adam.Config.defaults().withBetas(0.9, 0.99)).loadState(state));
    assertTrue(hyper.getMessage().contains("hyper-parameters differ"), hyper.getMessage());
  }

  @Test
  void rejectsOtherParametersAndChangesNothing() {
    Net net = new Net(1);
    Adam adam = new Adam(net.namedParameters(), Adam.Config.defaults());
    trainStep(net, adam);
    OptimizerState state = adam.state();
    Sequential other = new Sequential(new Linear(3, 8, new SplittableRandom(0)));
    Adam fresh = new Adam(other.namedParameters(), Adam.Config.defaults());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fresh.loadState(state));
    assertTrue(e.getMessage().contains("missing '0.weight'"), e.getMessage());
    assertTrue(e.getMessage().contains("unexpected 'body.0.weight'"), e.getMessage());
    assertEquals(0, fresh.steps());
    assertEquals(0, fresh.state().parameterStep("0.weight"));
  }

  @Test
  void rejectsForeignNewerAndTruncatedStreams() throws IOException {
    Net net = new Net(1);
    Adam adam = new Adam(net.namedParameters(), Adam.Config.defaults());
    trainStep(net, adam);
    byte[] bytes = adam.state().toBytes();

    byte[] foreign = bytes.clone();
    foreign[0] = 'X';
    IOException magic = assertThrows(IOException.class, () -> OptimizerState.fromBytes(foreign));
    assertTrue(magic.getMessage().startsWith("not a vae4j optimizer state"), magic.getMessage());

    ByteArrayOutputStream newer = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(newer)) {
      out.writeInt(0x5634_4F50);
      out.writeInt(OptimizerState.FORMAT_VERSION + 1);
    }
    IOException version = assertThrows(IOException.class, () -> OptimizerState.fromBytes(newer.toByteArray()));
    assertTrue(version.getMessage().contains("version 2"), version.getMessage());

    assertThrows(EOFException.class, () -> OptimizerState.fromBytes(Arrays.copyOf(bytes, bytes.length - 1)));
  }

  @Test
  void keepsNanPayloadsExactly() throws IOException {
    Tensor p = OptimTesting.param(1f);
    Adam adam = new Adam(OptimTesting.named(p), Adam.Config.defaults());
    OptimTesting.setGrad(p, Float.intBitsToFloat(0x7fc0_1234));
    adam.step();
    OptimizerState state = adam.state();
    int bits = Float.floatToRawIntBits(state.buffer("p0", "exp_avg")[0]);
    int read = Float.floatToRawIntBits(OptimizerState.fromBytes(state.toBytes()).buffer("p0", "exp_avg")[0]);
    assertEquals(bits, read);
  }

  private static int[] bits(Tensor t) {
    float[] v = t.toArray();
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Float.floatToRawIntBits(v[i]);
    }
    return out;
  }
}
