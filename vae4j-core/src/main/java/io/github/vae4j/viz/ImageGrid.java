package io.github.vae4j.viz;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Draws a batch of images as one picture: a grid of rows by columns, each image enlarged by an
 * integer factor with no smoothing, separated and framed by lines of the background colour, with an
 * optional title, captions over the columns and labels left of the rows. {@link #renderPairs} puts
 * each input next to its reconstruction, with three times the separator between pairs.
 *
 * <p>Values are row-major floats in [0, 1], {@code n} images of an {@link ImageShape} [c, h, w] one
 * after the other (the layout of a [n, c, h, w] tensor). 0 is black and 1 is full intensity; values
 * outside are clamped; NaN is drawn in {@link #NAN_COLOR} red so that a broken model shows instead
 * of crashing the report.
 *
 * <p>Column captions repeat over the columns in turn and row labels down the rows, so
 * {@code ["input", "reconstruction"]} labels every pair. Captions too wide for a column are drawn
 * smaller, then cut short with an ellipsis.
 */
public final class ImageGrid {

  /** The colour of NaN pixels: pure red. */
  public static final int NAN_COLOR = 0xFF0000;

  private static final int TEXT_PADDING = 4;
  private static final int CAPTION_POINTS = 12;
  private static final int MIN_CAPTION_POINTS = 8;
  private static final int TITLE_POINTS = 14;
  private static final long MAX_PIXELS = 1L << 28;
  /** A group size no grid reaches: cells not grouped, no wider gaps. */
  private static final int NO_GROUPS = Integer.MAX_VALUE;

  private final int columns;
  private final int scale;
  private final int separator;
  private final Color background;
  private final Color text;
  private final String title;
  private final List<String> columnLabels;
  private final List<String> rowLabels;
  private final PairLayout pairLayout;

  private ImageGrid(Builder builder) {
    this.columns = builder.columns;
    this.scale = builder.scale;
    this.separator = builder.separator;
    this.background = builder.background;
    this.text = builder.text;
    this.title = builder.title;
    this.columnLabels = builder.columnLabels;
    this.rowLabels = builder.rowLabels;
    this.pairLayout = builder.pairLayout;
  }

  /** A builder starting from the defaults: square-ish grid, scale 1, 2 px white separators. */
  public static Builder builder() {
    return new Builder();
  }

  /** A grid with every default setting. */
  public static ImageGrid defaults() {
    return builder().build();
  }

  // ---------------------------------------------------------------- render

  /** Draws the images in {@code values} row by row, {@code columns} to a row. */
  public BufferedImage render(float[] values, ImageShape shape) {
    int n = shape.count(values);
    int cols = columns > 0 ? Math.min(columns, n) : (int) Math.ceil(Math.sqrt(n));
    int rows = ceilDiv(n, cols);
    return draw(rows, cols, NO_GROUPS, NO_GROUPS, shape, (row, col) -> {
      int index = row * cols + col;
      return index < n ? new Cell(values, index) : null;
    });
  }

  /**
   * Draws each image of {@code inputs} beside the same image of {@code outputs}, as the
   * {@link PairLayout} says. {@code columns} counts pairs: pairs per row with alternating columns,
   * images per row with alternating rows.
   */
  public BufferedImage renderPairs(float[] inputs, float[] outputs, ImageShape shape) {
    int n = shape.count(inputs);
    if (outputs.length != inputs.length) {
      throw new IllegalArgumentException("inputs and outputs must hold as many values, got " + inputs.length
          + " and " + outputs.length);
    }
    return switch (pairLayout) {
      case ALTERNATING_COLUMNS -> {
        int pairs = columns > 0 ? Math.min(columns, n) : (int) Math.ceil(Math.sqrt(n / 2.0));
        yield draw(ceilDiv(n, pairs), 2 * pairs, NO_GROUPS, 2, shape, (row, col) -> {
          int index = row * pairs + col / 2;
          return index < n ? new Cell(col % 2 == 0 ? inputs : outputs, index) : null;
        });
      }
      case ALTERNATING_ROWS -> {
        int perRow = columns > 0 ? Math.min(columns, n) : (int) Math.ceil(Math.sqrt(2.0 * n));
        yield draw(2 * ceilDiv(n, perRow), perRow, 2, NO_GROUPS, shape, (row, col) -> {
          int index = row / 2 * perRow + col;
          return index < n ? new Cell(row % 2 == 0 ? inputs : outputs, index) : null;
        });
      }
    };
  }

  /** Renders {@code values} and writes the grid to {@code file} as PNG, atomically. */
  public void write(Path file, float[] values, ImageShape shape) throws IOException {
    Png.write(file, render(values, shape));
  }

  /** Renders pairs of {@code inputs} and {@code outputs} and writes them to {@code file} as PNG, atomically. */
  public void writePairs(Path file, float[] inputs, float[] outputs, ImageShape shape) throws IOException {
    Png.write(file, renderPairs(inputs, outputs, shape));
  }

  // ---------------------------------------------------------------- drawing

  /** Image {@code index} of a batch. */
  private record Cell(float[] values, int index) {}

  @FunctionalInterface
  private interface Layout {
    /** The image in grid cell (row, col), or null for an empty cell. */
    Cell at(int row, int col);
  }

  /**
   * Draws a rows x cols grid whose cells come in groups of groupRows x groupCols (a pair is a group
   * of two), with a wider gap of {@code 3 * separator} between groups so that pairs read as pairs.
   */
  private BufferedImage draw(int rows, int cols, int groupRows, int groupCols, ImageShape shape, Layout layout) {
    return Java2d.draw("an image grid", () -> drawGrid(rows, cols, groupRows, groupCols, shape, layout));
  }

  private BufferedImage drawGrid(int rows, int cols, int groupRows, int groupCols, ImageShape shape,
      Layout layout) {
    int cellWidth = shape.width() * scale;
    int cellHeight = shape.height() * scale;
    Font captionFont = new Font(Font.SANS_SERIF, Font.PLAIN, CAPTION_POINTS);
    Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, TITLE_POINTS);
    int titleHeight;
    int captionHeight;
    int labelWidth = 0;
    try (Measure measure = new Measure()) {
      titleHeight = title.isEmpty() ? 0 : measure.lineHeight(titleFont) + 2 * TEXT_PADDING;
      captionHeight = columnLabels.isEmpty() ? 0 : measure.lineHeight(captionFont) + TEXT_PADDING;
      for (String label : rowLabels) {
        labelWidth = Math.max(labelWidth, measure.width(captionFont, label) + 2 * TEXT_PADDING);
      }
    }
    int top = titleHeight + captionHeight;
    int groupGap = 2 * separator;
    long width = labelWidth + separator + (long) cols * (cellWidth + separator)
        + (long) ((cols - 1) / groupCols) * groupGap;
    long height = top + separator + (long) rows * (cellHeight + separator)
        + (long) ((rows - 1) / groupRows) * groupGap;
    if (width * height > MAX_PIXELS) {
      throw new IllegalArgumentException("grid of " + rows + "x" + cols + " images at scale " + scale
          + " would be " + width + "x" + height + " pixels, more than " + MAX_PIXELS);
    }
    BufferedImage image = new BufferedImage((int) width, (int) height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(background);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      for (int row = 0; row < rows; row++) {
        for (int col = 0; col < cols; col++) {
          Cell cell = layout.at(row, col);
          if (cell != null) {
            int x = labelWidth + separator + col * (cellWidth + separator) + col / groupCols * groupGap;
            int y = top + separator + row * (cellHeight + separator) + row / groupRows * groupGap;
            paint(image, cell, shape, x, y);
          }
        }
      }
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(text);
      if (!title.isEmpty()) {
        g.setFont(titleFont);
        FontMetrics metrics = g.getFontMetrics();
        String fitted = fit(metrics, title, image.getWidth() - 2 * TEXT_PADDING);
        g.drawString(fitted, (image.getWidth() - metrics.stringWidth(fitted)) / 2,
            TEXT_PADDING + metrics.getAscent());
      }
      for (int col = 0; col < cols && !columnLabels.isEmpty(); col++) {
        String caption = columnLabels.get(col % columnLabels.size());
        int x = labelWidth + separator + col * (cellWidth + separator) + col / groupCols * groupGap;
        drawCaption(g, captionFont, caption, x, titleHeight, cellWidth, captionHeight);
      }
      for (int row = 0; row < rows && !rowLabels.isEmpty(); row++) {
        g.setFont(captionFont);
        FontMetrics metrics = g.getFontMetrics();
        int y = top + separator + row * (cellHeight + separator) + row / groupRows * groupGap;
        g.drawString(rowLabels.get(row % rowLabels.size()), TEXT_PADDING,
            y + (cellHeight + metrics.getAscent() - metrics.getDescent()) / 2);
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  /** Writes one image's pixels, each as a scale-by-scale block, at (x0, y0). */
  private void paint(BufferedImage image, Cell cell, ImageShape shape, int x0, int y0) {
    int h = shape.height();
    int w = shape.width();
    int plane = h * w;
    int base = cell.index() * shape.size();
    float[] v = cell.values();
    for (int i = 0; i < h; i++) {
      for (int j = 0; j < w; j++) {
        int p = base + i * w + j;
        int rgb;
        if (shape.channels() == 1) {
          int grey = level(v[p]);
          rgb = grey < 0 ? NAN_COLOR : grey * 0x010101;
        } else {
          int r = level(v[p]);
          int gr = level(v[p + plane]);
          int b = level(v[p + 2 * plane]);
          rgb = (r | gr | b) < 0 ? NAN_COLOR : (r << 16) | (gr << 8) | b;
        }
        for (int dy = 0; dy < scale; dy++) {
          for (int dx = 0; dx < scale; dx++) {
            image.setRGB(x0 + j * scale + dx, y0 + i * scale + dy, rgb);
          }
        }
      }
    }
  }

  /** The 8-bit level of {@code value} clamped to [0, 1], or -1 for NaN. */
  static int level(float value) {
    if (Float.isNaN(value)) {
      return -1;
    }
    float clamped = Math.min(1f, Math.max(0f, value));
    return Math.round(clamped * 255f);
  }

  private void drawCaption(Graphics2D g, Font font, String caption, int x, int y, int width, int height) {
    Font current = font;
    FontMetrics metrics = g.getFontMetrics(current);
    for (int points = CAPTION_POINTS - 1;
        metrics.stringWidth(caption) > width && points >= MIN_CAPTION_POINTS; points--) {
      current = font.deriveFont((float) points);
      metrics = g.getFontMetrics(current);
    }
    String fitted = fit(metrics, caption, width);
    g.setFont(current);
    g.drawString(fitted, x + (width - metrics.stringWidth(fitted)) / 2,
        y + height - TEXT_PADDING / 2 - metrics.getDescent());
  }

  /** {@code text}, cut short with an ellipsis until it fits in {@code width} pixels. */
  private static String fit(FontMetrics metrics, String text, int width) {
    if (metrics.stringWidth(text) <= width) {
      return text;
    }
    for (int keep = text.length() - 1; keep > 0; keep--) {
      String shorter = text.substring(0, keep) + "\u2026";
      if (metrics.stringWidth(shorter) <= width) {
        return shorter;
      }
    }
    return "";
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  /** Text measurement before the picture exists, through a scratch image. */
  private static final class Measure implements AutoCloseable {
    private final Graphics2D scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();

    Measure() {
      scratch.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    }

    @Override
    public void close() {
      scratch.dispose();
    }

    int lineHeight(Font font) {
      return scratch.getFontMetrics(font).getHeight();
    }

    int width(Font font, String s) {
      return scratch.getFontMetrics(font).stringWidth(s);
    }
  }

  // ---------------------------------------------------------------- builder

  /** Settings of an {@link ImageGrid}; every one has a default. */
  public static final class Builder {
    private int columns;
    private int scale = 1;
    private int separator = 2;
    private Color background = Color.WHITE;
    private Color text = Color.BLACK;
    private String title = "";
    private List<String> columnLabels = List.of();
    private List<String> rowLabels = List.of();
    private PairLayout pairLayout = PairLayout.ALTERNATING_COLUMNS;

    private Builder() {}

    /**
     * Images per row (pairs per row or band for {@link ImageGrid#renderPairs}); 0, the default,
     * picks a square-ish grid.
     */
    public Builder columns(int columns) {
      if (columns < 0) {
        throw new IllegalArgumentException("columns must be >= 0 (0 for automatic), got " + columns);
      }
      this.columns = columns;
      return this;
    }

    /** Integer enlargement of every pixel, 1 to 32; 3 makes a 28x28 digit 84x84. */
    public Builder scale(int scale) {
      if (scale < 1 || scale > 32) {
        throw new IllegalArgumentException("scale must be in [1, 32], got " + scale);
      }
      this.scale = scale;
      return this;
    }

    /** Pixels of background between images and around the grid, 0 to 16; default 2. */
    public Builder separator(int separator) {
      if (separator < 0 || separator > 16) {
        throw new IllegalArgumentException("separator must be in [0, 16] pixels, got " + separator);
      }
      this.separator = separator;
      return this;
    }

    /** Colour of the separators and the margins; default white. */
    public Builder background(Color background) {
      this.background = Objects.requireNonNull(background, "background");
      return this;
    }

    /** Colour of the title, captions and labels; default black. */
    public Builder textColor(Color text) {
      this.text = Objects.requireNonNull(text, "text colour");
      return this;
    }

    /** A title centred above the grid; empty for none (the default). */
    public Builder title(String title) {
      this.title = Objects.requireNonNull(title, "title");
      return this;
    }

    /** Captions over the columns, used in turn; for example {@code List.of("input", "reconstruction")}. */
    public Builder columnLabels(List<String> labels) {
      this.columnLabels = List.copyOf(labels);
      return this;
    }

    /** Labels left of the rows, used in turn. */
    public Builder rowLabels(List<String> labels) {
      this.rowLabels = List.copyOf(labels);
      return this;
    }

    /** How {@link ImageGrid#renderPairs} places pairs; default {@link PairLayout#ALTERNATING_COLUMNS}. */
    public Builder pairLayout(PairLayout layout) {
      this.pairLayout = Objects.requireNonNull(layout, "pair layout");
      return this;
    }

    public ImageGrid build() {
      return new ImageGrid(this);
    }
  }
}
