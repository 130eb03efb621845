package io.github.vae4j.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.optim.Adam;
import io.github.vae4j.tensor.Tensor;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * 10,000 training steps of the 784-400-20 MLP at batch 128 keep the heap flat: the graph and every
 * intermediate are released after each backward, so the live heap after a full GC at step 10,000
 * is within a few MB of the live heap at step 1,000.
 */
class FlatHeapTest {

  @Test
  @Tag("slow")
  void tenThousandStepsKeepTheHeapFlat() {
    SplittableRandom random = new SplittableRandom(3);
    Sequential mlp = new Sequential(new Linear(784, 400, random), Activation.relu(), new Linear(400, 20, random));
    Adam adam = new Adam(mlp.namedParameters(), Adam.Config.of(1e-4));
    Tensor x = Tensor.rand(random, 128, 784);
    Tensor target = MnistClassifierTest.oneHot(random.ints(128, 0, 20).toArray(), 20);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long[] live = new long[11];
    for (int step = 1; step <= 10_000; step++) {
      Tensor loss = mlp.forward(x).logSoftmax(1).mul(target).sum().mul(-1f / 128);
      loss.backward();
      adam.step();
      adam.zeroGrad();
      if (step % 1000 == 0) {
        live[step / 1000] = liveHeap(memory);
      }
    }
    long growth = live[10] - live[1];
    StringBuilder trace = new StringBuilder();
    for (int i = 1; i <= 10; i++) {
      trace.append(String.format(" %d:%.1fMB", i * 1000, live[i] / 1e6));
    }
    assertTrue(growth < 8_000_000, "live heap grew by " + growth + " bytes over 9,000 steps;" + trace);
  }

  private static long liveHeap(MemoryMXBean memory) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
