package io.github.vae4j.tensor;

/**
 * Whether operations record the autodiff graph on the current thread.
 *
 * <p>Recording is on by default. {@link #noGrad()} opens a scope, closed with try-with-resources,
 * inside which no op records a graph: inference and evaluation run faster and keep no
 * intermediates alive. Scopes nest.
 */
public final class GradMode implements AutoCloseable {

  private static final ThreadLocal<int[]> DISABLED_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  private final int[] depth;
  private boolean closed;

  private GradMode(int[] depth) {
    this.depth = depth;
  }

  /** Opens a scope in which no graph is recorded; close it to restore the previous mode. */
  public static GradMode noGrad() {
    int[] depth = DISABLED_DEPTH.get();
    depth[0]++;
    return new GradMode(depth);
  }

  /** True when ops on this thread record the graph. */
  public static boolean isEnabled() {
    return DISABLED_DEPTH.get()[0] == 0;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      depth[0]--;
    }
  }
}
