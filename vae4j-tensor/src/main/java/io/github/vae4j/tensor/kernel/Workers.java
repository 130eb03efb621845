package io.github.vae4j.tensor.kernel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's threads: the calling thread plus a fixed team of helpers, one per further core, for
 * work cut into a few equal parts: matrix products by rows or columns ({@link SplitGemm}),
 * elementwise kernels and optimizer updates by ranges.
 *
 * <p>Why a team of its own rather than the common fork-join pool and OpenBLAS's threads: a training
 * step runs dozens of operations a few microseconds to a millisecond long, one after another.
 * OpenBLAS's workers spin for a while after each product, so a fork-join task handed to the other
 * core waited for them, and elementwise work stayed on one core; their spinning also took the CPU
 * that the JIT compiler needs during the first epoch. Here one team serves products and kernels
 * both: a helper spins for a few tens of microseconds after its part (the next operation usually
 * comes sooner), then parks, and a caller waiting for a helper yields its core after a short spin.
 * Measured on MNIST (3 epochs of the PyTorch-examples VAE, 2 cores): 6.6-6.9 s against 7.2-7.7 s.
 *
 * <p>A part handed to a helper is claimed by whichever thread gets to it first: a caller that
 * finishes its own part before the helper has started (a parked helper takes 40-60 us to wake on a
 * virtual machine, more than many kernels take) runs the helper's part itself instead of waiting.
 * So a hand-off never costs more than running the work serially. Measured on MNIST (3 epochs of
 * the PyTorch-examples VAE, 2 cores, four runs each): 7.40-7.71 s against 7.58-8.05 s without.
 *
 * <p>Results do not depend on scheduling: a part computes the same values whichever thread runs it.
 * When another thread is using the team, or a part itself asks for one, the caller runs every part
 * itself, in order. The team's size is the number of available processors, or the system property
 * {@value #THREADS_PROPERTY} when set (read once, when the class is first used).
 *
 * <p>Every spin is bounded, and waits end in a call that lets the JVM reach a safepoint: an
 * unbounded spin on a helper that is itself stopped at a safepoint would stop the whole JVM.
 */
public final class Workers {

  /** System property that sets the number of threads (the caller included); at least 1. */
  public static final String THREADS_PROPERTY = "vae4j.threads";

  private static final Logger LOG = LoggerFactory.getLogger(Workers.class);
  // PAUSE takes about 40 ns on recent x86 cores: a helper spins for some 80 us before parking,
  // a caller for some 20 us before yielding
  private static final int HELPER_SPINS = 2_000;
  private static final int CALLER_SPINS = 500;
  private static final int THREADS = configuredThreads();
  private static final AtomicBoolean BUSY = new AtomicBoolean();
  private static final Helper[] HELPERS = new Helper[THREADS - 1];

  static {
    for (int i = 0; i < HELPERS.length; i++) {
      Helper helper = new Helper();
      helper.thread = Thread.ofPlatform().daemon().name("vae4j-worker-" + (i + 1)).unstarted(helper);
      HELPERS[i] = helper;
      helper.thread.start();
    }
    LOG.debug("{} threads for products and kernels", THREADS);
  }

  private Workers() {
  }

  /** The number of threads work is split across, the caller included. */
  public static int threads() {
    return THREADS;
  }

  /**
   * Runs {@code part.accept(i)} for every i in [0, parts) and returns when all are done; the
   * caller runs part 0 (and any beyond the team's size), helpers the others. The first exception
   * a part throws is rethrown, after every part has finished.
   */
  public static void run(int parts, IntConsumer part) {
    if (parts <= 1 || HELPERS.length == 0 || !BUSY.compareAndSet(false, true)) {
      for (int i = 0; i < parts; i++) {
        part.accept(i);
      }
      return;
    }
    try {
      int helpers = Math.min(parts - 1, HELPERS.length);
      long[] tickets = new long[helpers];
      for (int h = 0; h < helpers; h++) {
        tickets[h] = HELPERS[h].post(part, h + 1);
      }
      Throwable failure = null;
      try {
        part.accept(0);
        for (int i = helpers + 1; i < parts; i++) {
          part.accept(i);
        }
      } catch (RuntimeException | Error e) {
        failure = e;
      }
      for (int h = 0; h < helpers; h++) {
        Throwable t;
        if (HELPERS[h].reclaim(tickets[h])) {
          t = runPart(part, h + 1);
        } else {
          t = HELPERS[h].await(tickets[h]);
        }
        if (failure == null) {
          failure = t;
        }
      }
      if (failure instanceof RuntimeException e) {
        throw e;
      }
      if (failure instanceof Error e) {
        throw e;
      }
    } finally {
      BUSY.set(false);
    }
  }

  private static Throwable runPart(IntConsumer part, int i) {
    try {
      part.accept(i);
      return null;
    } catch (RuntimeException | Error e) {
      return e;
    }
  }

  private static int configuredThreads() {
    return threadsFrom(System.getProperty(THREADS_PROPERTY), Runtime.getRuntime().availableProcessors());
  }

  /** The thread count a property value asks for; the processor count when it is unset or blank. */
  static int threadsFrom(String value, int processors) {
    if (value == null || value.isBlank()) {
      return Math.max(1, processors);
    }
    try {
      int threads = Integer.parseInt(value.strip());
      if (threads >= 1) {
        return threads;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(THREADS_PROPERTY + " must be a whole number >= 1, got '" + value + "'");
  }

  /** One helper thread: runs the part it is handed, then spins, then parks. */
  private static final class Helper implements Runnable {
    Thread thread;
    // written by the caller before the volatile write of posted, read by the helper after it
    private IntConsumer task;
    private int index;
    // written by the helper before the volatile write of done, read by the caller after it
    private Throwable failure;
    private volatile long posted;
    private volatile long done;
    private volatile boolean parked;
    // the last ticket claimed, by the helper (to run it) or by the caller (to run it itself); each
    // ticket is claimed once, by a compare-and-set from the ticket before it
    private final AtomicLong claimed = new AtomicLong();

    long post(IntConsumer part, int i) {
      task = part;
      index = i;
      long ticket = posted + 1;
      posted = ticket;
      // the helper sets parked, then reads posted; this writes posted, then reads parked: one of
      // the two sees the other's write, so a helper never sleeps through its part
      if (parked) {
        LockSupport.unpark(thread);
      }
      return ticket;
    }

    /** Takes the part of {@code ticket} back when the helper has not started it. */
    boolean reclaim(long ticket) {
      if (claimed.compareAndSet(ticket - 1, ticket)) {
        task = null;
        return true;
      }
      return false;
    }

    /** Waits for the helper to finish the part of {@code ticket}, which it has claimed. */
    Throwable await(long ticket) {
      int spins = 0;
      while (done != ticket) {
        if (spins < CALLER_SPINS) {
          spins++;
          Thread.onSpinWait();
        } else {
          Thread.yield();
        }
      }
      Throwable f = failure;
      failure = null;
      task = null;
      return f;
    }

    @Override
    public void run() {
      long seen = 0;
      while (true) {
        long ticket;
        int spins = 0;
        while ((ticket = posted) == seen) {
          if (spins < HELPER_SPINS) {
            spins++;
            Thread.onSpinWait();
          } else {
            parked = true;
            if (posted == seen) {
              LockSupport.park(this);
            }
            parked = false;
            spins = 0;
          }
        }
        seen = ticket;
        if (!claimed.compareAndSet(ticket - 1, ticket)) {
          // the caller got there first and runs the part itself
          continue;
        }
        try {
          task.accept(index);
        } catch (Throwable t) {
          failure = t;
        }
        done = ticket;
      }
    }
  }
}
