package io.github.vae4j.cli;

import java.io.FileNotFoundException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Turns an exception into the one line a user sees: what was wrong, without a stack trace. */
final class Errors {

  private Errors() {
  }

  static String describe(Throwable e) {
    Throwable t = e;
    // unwrap wrappers that add no information of their own
    while ((t instanceof java.io.UncheckedIOException || t instanceof java.util.concurrent.CompletionException
        || t instanceof java.lang.reflect.InvocationTargetException) && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof NoSuchFileException || t instanceof FileNotFoundException) {
      return "file not found: " + t.getMessage();
    }
    if (t instanceof AccessDeniedException) {
      return "permission denied: " + t.getMessage();
    }
    String message = t.getMessage();
    if (message == null || message.isBlank()) {
      return t.getClass().getSimpleName();
    }
    return message.lines().findFirst().orElse(message);
  }
}
