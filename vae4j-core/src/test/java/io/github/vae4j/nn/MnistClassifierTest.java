package io.github.vae4j.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.data.Dataset;
import io.github.vae4j.data.Mnist;
import io.github.vae4j.data.SharedData;
import io.github.vae4j.data.Split;
import io.github.vae4j.optim.Adam;
import io.github.vae4j.tensor.GradMode;
import io.github.vae4j.tensor.Tensor;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * End to end: autodiff, Linear, ReLU, softmax cross-entropy and Adam together train a 784-400-10
 * MLP to at least 97% test accuracy on MNIST in two epochs.
 */
@org.junit.jupiter.api.Tag("slow")
class MnistClassifierTest {

  @Test
  void twoEpochsReachNinetySevenPercent() {
    Path dir = SharedData.require("mnist");
    Dataset train = Mnist.load(dir, Split.TRAIN);
    Dataset test = Mnist.load(dir, Split.TEST);
    SplittableRandom random = new SplittableRandom(1);
    Sequential mlp = new Sequential(new Flatten(), new Linear(784, 400, random), Activation.relu(),
        new Linear(400, 10, random));
    Adam adam = new Adam(mlp.namedParameters(), Adam.Config.of(1e-3));
    int batch = 32;
    for (int epoch = 0; epoch < 2; epoch++) {
      int[] order = train.shuffledIndices(random);
      for (int from = 0; from < order.length; from += batch) {
        int[] idx = Arrays.copyOfRange(order, from, Math.min(order.length, from + batch));
        Tensor x = Tensor.wrap(train.batch(idx), idx.length, 1, 28, 28);
        Tensor loss = mlp.forward(x).logSoftmax(1).mul(oneHot(train.batchLabels(idx), 10)).sum()
            .mul(-1f / idx.length);
        loss.backward();
        adam.step();
        adam.zeroGrad();
      }
    }
    int correct = 0;
    try (GradMode _ = GradMode.noGrad()) {
      for (int from = 0; from < test.count(); from += 1000) {
        int[] idx = java.util.stream.IntStream.range(from, Math.min(test.count(), from + 1000)).toArray();
        int[] predicted = mlp.forward(Tensor.wrap(test.batch(idx), idx.length, 1, 28, 28)).argmaxLastAxis();
        int[] labels = test.batchLabels(idx);
        for (int i = 0; i < idx.length; i++) {
          correct += predicted[i] == labels[i] ? 1 : 0;
        }
      }
    }
    double accuracy = correct / (double) test.count();
    assertTrue(accuracy >= 0.97, "test accuracy after two epochs: " + accuracy);
  }

  static Tensor oneHot(int[] labels, int classes) {
    float[] v = new float[labels.length * classes];
    for (int i = 0; i < labels.length; i++) {
      v[i * classes + labels[i]] = 1f;
    }
    return Tensor.wrap(v, labels.length, classes);
  }
}
