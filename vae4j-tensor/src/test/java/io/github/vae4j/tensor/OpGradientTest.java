package io.github.vae4j.tensor;

import static io.github.vae4j.tensor.GradCheck.check;
import static io.github.vae4j.tensor.GradCheck.input;

import org.junit.jupiter.api.Test;

/** A finite-difference gradient check for every differentiable op. */
class OpGradientTest {

  @Test
  void addSubMulDivWithBroadcasting() {
    check(t -> t[0].add(t[1]), input(1, -1, 1, 3, 4), input(2, -1, 1, 4));
    check(t -> t[0].sub(t[1]), input(3, -1, 1, 3, 1), input(4, -1, 1, 1, 5));
    check(t -> t[0].mul(t[1]), input(5, -1, 1, 2, 3, 4), input(6, -1, 1, 3, 1));
    check(t -> t[0].div(t[1]), input(7, -1, 1, 3, 4), input(8, 1, 2, 3, 4));
    check(t -> t[0].div(t[1]), input(9, -1, 1, 3, 4), input(10, 1, 2));
  }

  @Test
  void scalarOps() {
    check(t -> t[0].add(0.5f).mul(3f).sub(1f).div(2f).neg(), input(11, -1, 1, 5));
  }

  @Test
  void squarePowSqrt() {
    check(t -> t[0].square(), input(12, -2, 2, 6));
    check(t -> t[0].pow(2.5f), input(13, 0.5f, 2, 6));
    check(t -> t[0].sqrt(), input(14, 0.5f, 2, 6));
  }

  @Test
  void expLogLog1pAbs() {
    check(t -> t[0].exp(), input(15, -2, 2, 6));
    check(t -> t[0].log(), input(16, 0.5f, 3, 6));
    check(t -> t[0].log1p(), input(17, -0.5f, 3, 6));
    check(t -> t[0].abs(), input(18, 0.1f, 1, 3), input(19, -1, -0.1f, 3));
  }

  @Test
  void clampMaximumMinimum() {
    check(t -> t[0].clamp(-0.5f, 0.5f), Tensor.of(new float[] {-0.9f, -0.3f, 0.1f, 0.4f, 0.8f}, 5));
    check(t -> t[0].maximum(t[1]), Tensor.of(new float[] {-1f, 2f, 0.5f, 3f}, 4),
        Tensor.of(new float[] {0f, 1f, 1.5f, -2f}, 4));
    check(t -> t[0].minimum(t[1]), input(20, -1, 1, 3, 4), input(21, -1, 1, 4));
  }

  @Test
  void activations() {
    // values kept away from the kinks at 0, where central differences straddle two slopes
    Tensor away = Tensor.of(new float[] {-1.5f, -0.7f, -0.2f, 0.3f, 0.9f, 1.7f}, 2, 3);
    check(t -> t[0].relu(), away.copy());
    check(t -> t[0].leakyRelu(0.1f), away.copy());
    check(t -> t[0].elu(1.0f), away.copy());
    check(t -> t[0].gelu(), input(22, -3, 3, 8));
    check(t -> t[0].tanh(), input(23, -3, 3, 8));
    check(t -> t[0].sigmoid(), input(24, -4, 4, 8));
    check(t -> t[0].softplus(), input(25, -4, 4, 8));
    check(t -> t[0].logSigmoid(), input(26, -4, 4, 8));
  }

  @Test
  void reductions() {
    check(t -> t[0].sum(), input(27, -1, 1, 3, 4));
    check(t -> t[0].sum(0), input(28, -1, 1, 3, 4));
    check(t -> t[0].sum(true, 0, 2), input(29, -1, 1, 2, 3, 4));
    check(t -> t[0].mean(1), input(30, -1, 1, 2, 3, 4));
    check(t -> t[0].mean(), input(31, -1, 1, 2, 3));
    check(t -> t[0].max(1, false), input(32, -1, 1, 3, 5));
    check(t -> t[0].max(0, true), input(33, -1, 1, 4, 2));
  }

  @Test
  void logSumExpSoftmax() {
    check(t -> t[0].logSumExp(1, false), input(34, -3, 3, 3, 5));
    check(t -> t[0].logSumExp(0, true), input(35, -3, 3, 4, 2, 3));
    check(t -> t[0].softmax(1), input(36, -2, 2, 3, 5));
    check(t -> t[0].softmax(0), input(37, -2, 2, 4, 3));
    check(t -> t[0].logSoftmax(-1), input(38, -2, 2, 3, 5));
    check(t -> t[0].logSoftmax(1), input(39, -2, 2, 2, 4, 3));
  }

  @Test
  void matmulAndLinear() {
    check(t -> t[0].matmul(t[1]), input(40, -1, 1, 3, 5), input(41, -1, 1, 5, 7));
    check(t -> t[0].transpose(0, 1).matmul(t[1].transpose(0, 1)), input(42, -1, 1, 5, 3), input(43, -1, 1, 7, 5));
    check(t -> t[0].matmul(t[1]), input(44, -1, 1, 2, 3, 4), input(45, -1, 1, 2, 4, 5));
    check(t -> t[0].matmul(t[1]), input(46, -1, 1, 2, 3, 4), input(47, -1, 1, 4, 2));
    check(t -> Tensor.linear(t[0], t[1], t[2]), input(48, -1, 1, 4, 6), input(49, -1, 1, 3, 6), input(50, -1, 1, 3));
    check(t -> Tensor.linear(t[0], t[1], null), input(51, -1, 1, 2, 2, 6), input(52, -1, 1, 3, 6));
  }

  @Test
  void shapeOps() {
    check(t -> t[0].reshape(4, 3).mul(t[1]), input(53, -1, 1, 2, 6), input(54, -1, 1, 4, 3));
    check(t -> t[0].transpose(0, 2).mul(t[1]), input(55, -1, 1, 2, 3, 4), input(56, -1, 1, 4, 3, 2));
    check(t -> t[0].permute(2, 0, 1).exp(), input(57, -1, 1, 2, 3, 4));
    check(t -> t[0].slice(1, 1, 3).tanh(), input(58, -1, 1, 2, 4, 3));
    check(t -> Tensor.concat(1, t[0], t[1].square()), input(59, -1, 1, 2, 3), input(60, -1, 1, 2, 2));
    check(t -> t[0].split(0, 1, 2).get(1).mul(2f), input(61, -1, 1, 3, 2));
    check(t -> t[0].indexSelect(0, 2, 0, 2, 1), input(62, -1, 1, 3, 4));
    check(t -> t[0].indexSelect(1, 1, 1), input(63, -1, 1, 2, 3, 2));
    check(t -> t[0].transpose(0, 1).contiguous().reshape(-1).square(), input(64, -1, 1, 3, 2));
  }

  @Test
  void binaryCrossEntropyWithLogits() {
    check(t -> t[0].binaryCrossEntropyWithLogits(t[1]), input(65, -4, 4, 3, 5), input(66, 0, 1, 3, 5));
  }

  @Test
  void binaryCrossEntropyWithLogitsSum() {
    // 37 columns: whole vectors and a scalar tail in every row
    check(t -> t[0].binaryCrossEntropyWithLogitsSum(t[1]).square(), input(68, -4, 4, 3, 37), input(69, 0, 1, 3, 37));
    check(t -> t[0].binaryCrossEntropyWithLogitsSum(t[1]), input(70, -4, 4, 2, 3, 5), input(71, 0, 1, 2, 3, 5));
  }

  @Test
  void binaryCrossEntropyWithLogitsSumIsThePerSampleSumOfTheElementwiseOne() {
    Tensor x = input(72, -30, 30, 4, 50);
    Tensor t = input(73, 0, 1, 4, 50);
    float[] fused = x.binaryCrossEntropyWithLogitsSum(t).toArray();
    float[] summed = x.binaryCrossEntropyWithLogits(t).sum(1).toArray();
    org.junit.jupiter.api.Assertions.assertArrayEquals(summed, fused, 2e-3f);
    org.junit.jupiter.api.Assertions.assertEquals(4, fused.length);
  }

  @Test
  void dropoutUsesTheSameMaskInBackward() {
    Tensor x = input(67, 0.5f, 1.5f, 200).requiresGrad(true);
    Tensor y = x.dropout(0.5f, true, new java.util.SplittableRandom(3));
    y.sum().backward();
    float[] out = y.toArray();
    float[] grad = x.gradArray();
    int dropped = 0;
    for (int i = 0; i < out.length; i++) {
      org.junit.jupiter.api.Assertions.assertEquals(out[i] == 0f ? 0f : 2f, grad[i]);
      dropped += out[i] == 0f ? 1 : 0;
    }
    org.junit.jupiter.api.Assertions.assertTrue(dropped > 60 && dropped < 140, "dropped " + dropped);
  }
}
