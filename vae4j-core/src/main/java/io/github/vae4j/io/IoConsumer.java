package io.github.vae4j.io;

import java.io.IOException;

/**
 * A consumer that may throw {@link IOException}: the body of a file write handed to
 * {@link AtomicFiles#write(java.nio.file.Path, IoConsumer)}.
 *
 * @param <T> what is consumed, usually an {@link java.io.OutputStream}
 */
@FunctionalInterface
public interface IoConsumer<T> {

  /** Consumes {@code value}, for example writes a file's contents to it. */
  void accept(T value) throws IOException;
}
