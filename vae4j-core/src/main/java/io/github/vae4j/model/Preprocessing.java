package io.github.vae4j.model;

/**
 * How raw data becomes model input, saved with the model so that using it later prepares data the
 * same way: {@code scaling} "unit" (grey levels / 255, as the data readers do) or "none";
 * {@code binarization} none, static or dynamic, as trained.
 */
public record Preprocessing(String scaling, String binarization) {

  public Preprocessing {
    if (!"unit".equals(scaling) && !"none".equals(scaling)) {
      throw new IllegalArgumentException("scaling must be 'unit' or 'none', got '" + scaling + "'");
    }
    if (!java.util.List.of("none", "static", "dynamic").contains(binarization)) {
      throw new IllegalArgumentException("binarization must be none, static or dynamic, got '" + binarization + "'");
    }
  }
}
