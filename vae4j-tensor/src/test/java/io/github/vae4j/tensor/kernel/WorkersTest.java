package io.github.vae4j.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;

class WorkersTest {

  @Test
  void runsEveryPartExactlyOnce() {
    for (int parts : new int[] {0, 1, 2, Workers.threads(), Workers.threads() + 3}) {
      AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(1, parts));
      for (int round = 0; round < 200; round++) {
        Workers.run(parts, runs::incrementAndGet);
      }
      for (int p = 0; p < parts; p++) {
        assertEquals(200, runs.get(p), "part " + p + " of " + parts);
      }
    }
  }

  @Test
  void aPartTheHelperHasNotStartedRunsOnTheCaller() throws InterruptedException {
    assumeTrue(Workers.threads() >= 2, "needs a helper thread");
    Thread caller = Thread.currentThread();
    boolean reclaimed = false;
    // after a pause the helper is parked, and waking it takes far longer than an empty part
    for (int attempt = 0; attempt < 50 && !reclaimed; attempt++) {
      Thread.sleep(5);
      AtomicReferenceArray<Thread> ranOn = new AtomicReferenceArray<>(2);
      AtomicIntegerArray runs = new AtomicIntegerArray(2);
      Workers.run(2, p -> {
        runs.incrementAndGet(p);
        ranOn.set(p, Thread.currentThread());
      });
      assertEquals(1, runs.get(0));
      assertEquals(1, runs.get(1));
      assertSame(caller, ranOn.get(0));
      reclaimed = ranOn.get(1) == caller;
    }
    assertTrue(reclaimed, "the caller never ran the part of a helper that had not started");
  }

  @Test
  void callerAndHelperRacingForAPartRunItOnce() {
    assumeTrue(Workers.threads() >= 2, "needs a helper thread");
    AtomicIntegerArray runs = new AtomicIntegerArray(2);
    int rounds = 50_000;
    for (int round = 0; round < rounds; round++) {
      int spin = round % 64;
      // part 0 takes from nothing to about a microsecond, so either side may claim part 1
      Workers.run(2, p -> {
        for (int i = 0; p == 0 && i < spin; i++) {
          Thread.onSpinWait();
        }
        runs.incrementAndGet(p);
      });
    }
    assertEquals(rounds, runs.get(0));
    assertEquals(rounds, runs.get(1));
  }

  @Test
  void rethrowsAFailureAfterEveryPartHasFinished() {
    int parts = Math.max(2, Workers.threads());
    AtomicIntegerArray finished = new AtomicIntegerArray(parts);
    IllegalStateException failure = new IllegalStateException("part 1 failed");
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Workers.run(parts, p -> {
      if (p == 1) {
        throw failure;
      }
      finished.incrementAndGet(p);
    }));
    assertSame(failure, thrown);
    for (int p = 0; p < parts; p++) {
      assertEquals(p == 1 ? 0 : 1, finished.get(p), "part " + p);
    }
    // and the team still works afterwards
    AtomicIntegerArray runs = new AtomicIntegerArray(parts);
    Workers.run(parts, runs::incrementAndGet);
    for (int p = 0; p < parts; p++) {
      assertEquals(1, runs.get(p));
    }
  }

  @Test
  void aPartThatSplitsAgainRunsItsPartsItself() {
    int parts = Math.max(2, Workers.threads());
    AtomicIntegerArray inner = new AtomicIntegerArray(parts * parts);
    Workers.run(parts, outer -> Workers.run(parts, p -> inner.incrementAndGet(outer * parts + p)));
    for (int i = 0; i < parts * parts; i++) {
      assertEquals(1, inner.get(i), "inner part " + i);
    }
  }

  @Test
  void concurrentCallersEachGetAllTheirParts() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      Future<?>[] futures = new Future<?>[3];
      for (int t = 0; t < futures.length; t++) {
        futures[t] = pool.submit(() -> {
          for (int round = 0; round < 500; round++) {
            AtomicIntegerArray runs = new AtomicIntegerArray(4);
            Workers.run(4, runs::incrementAndGet);
            for (int p = 0; p < 4; p++) {
              assertEquals(1, runs.get(p));
            }
          }
        });
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void threadCountComesFromThePropertyOrTheProcessors() {
    assertTrue(Workers.threads() >= 1);
    assertEquals(6, Workers.threadsFrom(null, 6));
    assertEquals(1, Workers.threadsFrom(" ", 0));
    assertEquals(3, Workers.threadsFrom(" 3 ", 8));
    for (String bad : new String[] {"0", "-2", "two"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Workers.threadsFrom(bad, 4));
      assertEquals("vae4j.threads must be a whole number >= 1, got '" + bad + "'", e.getMessage());
    }
  }
}
