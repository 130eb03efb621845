package io.github.vae4j.viz;

import java.awt.AWTError;
import java.util.function.Supplier;

/**
 * Runs off-screen drawing and explains the one way it fails on servers: when {@code DISPLAY}
 * names an X server that cannot be reached and {@code java.awt.headless} is not set, Java2D
 * refuses to draw even into an image. Without {@code DISPLAY}, the JDK is headless by itself.
 * Library code never sets the property; whoever starts the JVM (the CLI launcher) passes
 * {@code -Djava.awt.headless=true}.
 */
final class Java2d {

  private Java2d() {}

  /** The result of {@code drawing}, or one clear error when Java2D cannot start. */
  static <T> T draw(String what, Supplier<T> drawing) {
    try {
      return drawing.get();
    } catch (AWTError | NoClassDefFoundError e) {
      // after the first AWTError, the graphics environment class fails to initialise for good
      if (e instanceof NoClassDefFoundError && !String.valueOf(e.getMessage()).contains("Graphics")) {
        throw e;
      }
      throw new IllegalStateException("cannot draw " + what + ": Java2D could not reach the display DISPLAY="
          + System.getenv("DISPLAY") + "; run Java with -Djava.awt.headless=true or unset DISPLAY", e);
    }
  }
}
