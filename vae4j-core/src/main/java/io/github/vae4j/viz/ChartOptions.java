package io.github.vae4j.viz;

import java.util.Objects;

/**
 * Title, axis titles, size in pixels and y scale of a chart drawn by {@link Charts}.
 *
 * @param title shown above the plot; may be empty
 * @param xTitle the x axis title; may be empty
 * @param yTitle the y axis title; may be empty
 * @param width picture width in pixels, 200 to 8000
 * @param height picture height in pixels, 150 to 8000
 * @param logY whether the y axis is logarithmic (every y value must then be positive)
 */
public record ChartOptions(String title, String xTitle, String yTitle, int width, int height, boolean logY) {

  /** Default picture width in pixels. */
  public static final int DEFAULT_WIDTH = 800;
  /** Default picture height in pixels. */
  public static final int DEFAULT_HEIGHT = 500;

  public ChartOptions {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(xTitle, "xTitle");
    Objects.requireNonNull(yTitle, "yTitle");
    if (width < 200 || width > 8000) {
      throw new IllegalArgumentException("width must be in [200, 8000] pixels, got " + width);
    }
    if (height < 150 || height > 8000) {
      throw new IllegalArgumentException("height must be in [150, 8000] pixels, got " + height);
    }
  }

  /** A linear chart of the default size, 800x500. */
  public static ChartOptions of(String title, String xTitle, String yTitle) {
    return new ChartOptions(title, xTitle, yTitle, DEFAULT_WIDTH, DEFAULT_HEIGHT, false);
  }

  /** These options at {@code width} by {@code height} pixels. */
  public ChartOptions withSize(int width, int height) {
    return new ChartOptions(title, xTitle, yTitle, width, height, logY);
  }

  /** These options with a logarithmic (or linear) y axis. */
  public ChartOptions withLogY(boolean logY) {
    return new ChartOptions(title, xTitle, yTitle, width, height, logY);
  }
}
