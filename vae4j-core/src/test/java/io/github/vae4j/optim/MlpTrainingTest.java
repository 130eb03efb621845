package io.github.vae4j.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.nn.Activation;
import io.github.vae4j.nn.Linear;
import io.github.vae4j.nn.Sequential;
import io.github.vae4j.tensor.GradMode;
import io.github.vae4j.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** End to end: layers, autodiff and Adam together learn problems a linear model cannot. */
class MlpTrainingTest {

  private static Tensor crossEntropy(Tensor logits, Tensor oneHot) {
    return logits.logSoftmax(1).mul(oneHot).sum().mul(-1f / logits.dim(0));
  }

  private static double accuracy(Sequential model, Tensor x, int[] labels) {
    model.eval();
    int[] predicted;
    GradMode noGrad = GradMode.noGrad();
    try {
      predicted = model.forward(x).argmaxLastAxis();
    } finally {
      noGrad.close();
    }
    model.train();
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      correct += predicted[i] == labels[i] ? 1 : 0;
    }
    return correct / (double) labels.length;
  }

  /** Full-batch Adam on a 2-16-2 tanh MLP; returns the training accuracy. */
  private static double train(float[] points, int[] labels, int steps, double lr, long seed) {
    int n = labels.length;
    Tensor x = Tensor.of(points, n, 2);
    float[] oneHot = new float[n * 2];
    for (int i = 0; i < n; i++) {
      oneHot[i * 2 + labels[i]] = 1f;
    }
    Tensor y = Tensor.of(oneHot, n, 2);
    SplittableRandom random = new SplittableRandom(seed);
    Sequential model = new Sequential(new Linear(2, 16, random), Activation.tanh(), new Linear(16, 2, random));
    Adam adam = new Adam(model.namedParameters(), Adam.Config.of(lr));
    for (int t = 0; t < steps; t++) {
      adam.zeroGrad();
      crossEntropy(model.forward(x), y).backward();
      adam.step();
    }
    return accuracy(model, x, labels);
  }

  @Test
  void learnsXor() {
    SplittableRandom data = new SplittableRandom(1);
    int n = 400;
    float[] points = new float[n * 2];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      float a = (float) data.nextDouble(-1, 1);
      float b = (float) data.nextDouble(-1, 1);
      points[i * 2] = a;
      points[i * 2 + 1] = b;
      labels[i] = a * b > 0 ? 1 : 0;
    }
    double accuracy = train(points, labels, 400, 0.02, 7);
    assertTrue(accuracy > 0.95, "XOR accuracy " + accuracy);
  }

  @Test
  void learnsTwoSpirals() {
    SplittableRandom data = new SplittableRandom(2);
    int perClass = 200;
    float[] points = new float[perClass * 4];
    int[] labels = new int[perClass * 2];
    for (int c = 0; c < 2; c++) {
      for (int i = 0; i < perClass; i++) {
        double r = (i + 1) / (double) perClass;
        double angle = 1.75 * Math.PI * r + c * Math.PI + data.nextGaussian() * 0.05;
        int k = c * perClass + i;
        points[k * 2] = (float) (r * Math.cos(angle));
        points[k * 2 + 1] = (float) (r * Math.sin(angle));
        labels[k] = c;
      }
    }
    double accuracy = train(points, labels, 400, 0.05, 3);
    assertTrue(accuracy > 0.95, "spiral accuracy " + accuracy);
  }
}
