package io.github.vae4j.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reuse of the largest arrays a training step allocates: the outputs of linear layers and
 * elementwise ops, the cross-entropy's sigmoid and the input gradients of linear layers. Without
 * it every step fills about 3 MB of fresh, cache-cold heap and the young collector runs every few
 * dozen steps.
 *
 * <pre>
 *   try (Buffers.Scope step = Buffers.scope()) {
 *     Tensor loss = ...;                // forward
 *     loss.backward();
 *     double value = loss.item();       // read what you need inside the scope
 *     optimizer.step();
 *     optimizer.zeroGrad();
 *   }                                   // the step's arrays go back to this thread's pool
 * </pre>
 *
 * <p>Contract: a tensor produced by an op while a scope is open on the current thread may hold a
 * pooled array, which the next scope reuses; it must not be read after the scope closes. Leaves
 * (parameters) are safe: their gradients are never pooled arrays ({@link Tensor#accumulate} copies
 * into the leaf's own buffer), and factories such as {@link Tensor#of}, {@link Tensor#randn} and
 * {@link Tensor#toArray} never use the pool. Outside a scope nothing is pooled. Scopes are per
 * thread, nest, and must be closed on the thread that opened them, innermost first.
 */
public final class Buffers {

  /** Most bytes one thread's pool keeps between scopes; beyond this, arrays are left to the GC. */
  static final long MAX_POOLED_BYTES = 256L << 20;

  private static final ThreadLocal<Pool> POOL = ThreadLocal.withInitial(Pool::new);

  private Buffers() {
  }

  /** Opens a scope on the current thread. */
  public static Scope scope() {
    Pool pool = POOL.get();
    Scope scope = new Scope(pool, pool.taken.size(), pool.depth + 1);
    pool.depth++;
    return scope;
  }

  /**
   * An array of length n whose contents the caller overwrites entirely: a pooled one inside a
   * scope (with the values of its last use), else a new one.
   */
  static float[] take(int n) {
    Pool pool = POOL.get();
    if (pool.depth == 0) {
      return new float[n];
    }
    ArrayDeque<float[]> free = pool.free.get(n);
    float[] a = free == null ? null : free.poll();
    if (a == null) {
      a = new float[n];
    } else {
      pool.pooledBytes -= 4L * n;
    }
    pool.taken.add(a);
    return a;
  }

  /** A scope of pooled arrays; see the class comment. */
  public static final class Scope implements AutoCloseable {
    private final Pool pool;
    private final int start;
    private final int depth;
    private final Thread owner = Thread.currentThread();
    private boolean closed;

    private Scope(Pool pool, int start, int depth) {
      this.pool = pool;
      this.start = start;
      this.depth = depth;
    }

    /** Returns the arrays taken since this scope opened to the pool. */
    @Override
    public void close() {
      if (closed) {
        return;
      }
      if (Thread.currentThread() != owner) {
        throw new IllegalStateException("a Buffers scope must be closed on the thread that opened it");
      }
      if (pool.depth != depth) {
        throw new IllegalStateException("Buffers scopes must be closed innermost first");
      }
      closed = true;
      List<float[]> taken = pool.taken;
      for (int i = taken.size() - 1; i >= start; i--) {
        float[] a = taken.remove(i);
        if (pool.pooledBytes + 4L * a.length <= MAX_POOLED_BYTES) {
          pool.free.computeIfAbsent(a.length, k -> new ArrayDeque<>()).push(a);
          pool.pooledBytes += 4L * a.length;
        }
      }
      pool.depth--;
    }
  }

  private static final class Pool {
    final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
    final List<float[]> taken = new ArrayList<>();
    long pooledBytes;
    int depth;
  }
}
