package io.github.vae4j.cli;

import java.nio.file.Path;
import java.util.Locale;

/** The format an output file's extension asks for: a PNG picture or an .npy array; anything else is refused. */
final class OutputFormat {

  static final String PNG = "png";
  static final String NPY = "npy";

  private OutputFormat() {
  }

  /** "png" or "npy" from the file name, or an error naming the file. */
  static String of(Path file) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".png")) {
      return PNG;
    }
    if (name.endsWith(".npy")) {
      return NPY;
    }
    throw new IllegalArgumentException("cannot tell the format of " + file + ": name a .png (a picture) or an .npy "
        + "(an array)");
  }

  /** Refuses an output that is not a .png, for the commands that only draw. */
  static void requirePng(Path file) {
    if (!PNG.equals(of(file))) {
      throw new IllegalArgumentException("--out " + file + " must be a .png: this command draws a picture");
    }
  }
}
