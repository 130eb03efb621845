package io.github.vae4j.io;

import java.io.Serial;
import java.nio.file.Path;

/**
 * A file whose contents break its format: truncated, a malformed header, inconsistent sizes. The
 * message names the file and the problem in one line, {@code "model.safetensors: header length 4096
 * exceeds the 100 bytes after it (truncated file?)"}.
 *
 * <p>Unchecked: a corrupt file is bad input, like a bad argument, not a failure of the I/O
 * system, which stays an {@link java.io.IOException}.
 */
public final class FileFormatException extends RuntimeException {

  @Serial
  private static final long serialVersionUID = 1L;

  /** The file, as a string so that the exception stays serializable. */
  private final String file;
  private final String problem;

  /** A format error in {@code file}, described by {@code problem}. */
  public FileFormatException(Path file, String problem) {
    this(file, problem, null);
  }

  /** A format error in {@code file}, described by {@code problem}, found through {@code cause}. */
  public FileFormatException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = String.valueOf(file);
    this.problem = problem;
  }

  /** The file that is malformed, as given to the reader. */
  public String file() {
    return file;
  }

  /** What is wrong with it, without the file name. */
  public String problem() {
    return problem;
  }
}
