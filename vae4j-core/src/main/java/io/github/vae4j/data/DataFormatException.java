package io.github.vae4j.data;

import java.nio.file.Path;

/**
 * A data file that cannot be read as what it claims to be: wrong magic number, truncated,
 * corrupt compression, ragged or non-numeric rows, counts that disagree.
 *
 * <p>The message is one line that names the file first and then what is wrong with it, for
 * example {@code "data/train-images-idx3-ubyte.gz: truncated: header promises 47040000 bytes of
 * pixels, got 1000"}. It is an {@link IllegalArgumentException} because the file is the caller's
 * argument, so a CLI that reports bad arguments as one line reports these the same way.
 */
public class DataFormatException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** The file, as a string so that the exception stays serializable. */
  private final String file;

  /**
   * A problem with {@code file}.
   *
   * @param file the file that is wrong
   * @param problem what is wrong with it, without the file name
   */
  public DataFormatException(Path file, String problem) {
    super(file + ": " + problem);
    this.file = String.valueOf(file);
  }

  /**
   * A problem with {@code file} that a lower-level exception revealed.
   *
   * @param file the file that is wrong
   * @param problem what is wrong with it, without the file name
   * @param cause the exception that revealed it
   */
  public DataFormatException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = String.valueOf(file);
  }

  /** The file that is wrong, as it was given to the reader. */
  public String file() {
    return file;
  }
}
