package io.github.vae4j.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageGridTest {

  private static final int WHITE = 0xFFFFFF;

  @TempDir
  Path folder;

  /** n grey images of h x w where pixel (i, j) of image k is (k * 16 + i * w + j) / 255. */
  private static float[] ramps(int n, int h, int w) {
    float[] v = new float[n * h * w];
    for (int k = 0; k < n; k++) {
      for (int p = 0; p < h * w; p++) {
        v[k * h * w + p] = (k * 16 + p) / 255f;
      }
    }
    return v;
  }

  private static int rgb(BufferedImage image, int x, int y) {
    return image.getRGB(x, y) & 0xFFFFFF;
  }

  @Test
  void gridHasTheSizeOfRowsColumnsScaleAndSeparators() {
    ImageGrid grid = ImageGrid.builder().columns(3).scale(2).separator(1).build();
    BufferedImage image = grid.render(ramps(5, 4, 3), ImageShape.grey(4, 3));
    // 3 columns of 3*2 px, 2 rows of 4*2 px, separators before, between and after
    assertEquals(1 + 3 * (6 + 1), image.getWidth());
    assertEquals(1 + 2 * (8 + 1), image.getHeight());
  }

  @Test
  void pixelsLandWhereTheLayoutSays() {
    int h = 4;
    int w = 3;
    int scale = 2;
    int sep = 1;
    ImageGrid grid = ImageGrid.builder().columns(3).scale(scale).separator(sep).build();
    BufferedImage image = grid.render(ramps(5, h, w), ImageShape.grey(h, w));
    for (int k = 0; k < 5; k++) {
      int x0 = sep + (k % 3) * (w * scale + sep);
      int y0 = sep + (k / 3) * (h * scale + sep);
      for (int i = 0; i < h; i++) {
        for (int j = 0; j < w; j++) {
          int level = k * 16 + i * w + j;
          for (int d = 0; d < scale * scale; d++) {
            assertEquals(level * 0x010101, rgb(image, x0 + j * scale + d % scale, y0 + i * scale + d / scale),
                "image " + k + " pixel " + i + "," + j);
          }
        }
      }
    }
    // separators and the empty sixth cell stay background
    assertEquals(WHITE, rgb(image, 0, 0));
    assertEquals(WHITE, rgb(image, sep + w * scale, sep));
    assertEquals(WHITE, rgb(image, sep + 2 * (w * scale + sep) + 1, sep + h * scale + sep + 1));
  }

  @Test
  void clampsOutOfRangeValuesAndPaintsNanRed() {
    float[] v = {-0.5f, 1.5f, Float.NaN, 0.5f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY};
    BufferedImage image = ImageGrid.builder().separator(0).build().render(v, ImageShape.grey(1, 6));
    assertEquals(0x000000, rgb(image, 0, 0));
    assertEquals(0xFFFFFF, rgb(image, 1, 0));
    assertEquals(ImageGrid.NAN_COLOR, rgb(image, 2, 0));
    assertEquals(0x808080, rgb(image, 3, 0));
    assertEquals(0x000000, rgb(image, 4, 0));
    assertEquals(0xFFFFFF, rgb(image, 5, 0));
  }

  @Test
  void rgbImagesReadChannelPlanes() {
    // one 1x2 RGB image: planes R = [1, 0], G = [0, 0.2], B = [0, NaN]
    float[] v = {1f, 0f, 0f, 0.2f, 0f, Float.NaN};
    BufferedImage image = ImageGrid.builder().separator(0).build().render(v, ImageShape.rgb(1, 2));
    assertEquals(0xFF0000, rgb(image, 0, 0));
    assertEquals(ImageGrid.NAN_COLOR, rgb(image, 1, 0));
    float[] w = {0.2f, 0.4f, 0.6f};
    assertEquals(0x336699, rgb(ImageGrid.builder().separator(0).build().render(w, ImageShape.rgb(1, 1)), 0, 0));
  }

  @Test
  void pairsAlternateColumns() {
    float[] inputs = {0.1f, 0.2f, 0.3f};
    float[] outputs = {0.6f, 0.7f, 0.8f};
    ImageGrid grid = ImageGrid.builder().columns(2).separator(1).build();
    BufferedImage image = grid.renderPairs(inputs, outputs, ImageShape.grey(1, 1));
    // 2 pairs per row: 4 columns, 2 rows, a gap of 2 more pixels between the pairs
    assertEquals(1 + 4 * 2 + 2, image.getWidth());
    assertEquals(1 + 2 * 2, image.getHeight());
    assertEquals(WHITE, rgb(image, 5, 1), "gap between pairs");
    assertEquals(WHITE, rgb(image, 6, 1), "gap between pairs");
    float[][] expected = {{0.1f, 0.6f, 0.2f, 0.7f}, {0.3f, 0.8f, -1, -1}};
    for (int row = 0; row < 2; row++) {
      for (int col = 0; col < 4; col++) {
        float value = expected[row][col];
        assertEquals(value < 0 ? WHITE : ImageGrid.level(value) * 0x010101,
            rgb(image, 1 + 2 * col + col / 2 * 2, 1 + 2 * row), "cell " + row + "," + col);
      }
    }
  }

  @Test
  void pairsAlternateRows() {
    float[] inputs = {0.1f, 0.2f, 0.3f};
    float[] outputs = {0.6f, 0.7f, 0.8f};
    ImageGrid grid = ImageGrid.builder().columns(2).separator(1).pairLayout(PairLayout.ALTERNATING_ROWS).build();
    BufferedImage image = grid.renderPairs(inputs, outputs, ImageShape.grey(1, 1));
    // 2 per row: inputs 0,1 / outputs 0,1 / input 2 / output 2
    assertEquals(1 + 2 * 2, image.getWidth());
    assertEquals(1 + 4 * 2 + 2, image.getHeight());
    float[][] expected = {{0.1f, 0.2f}, {0.6f, 0.7f}, {0.3f, -1}, {0.8f, -1}};
    for (int row = 0; row < 4; row++) {
      for (int col = 0; col < 2; col++) {
        float value = expected[row][col];
        assertEquals(value < 0 ? WHITE : ImageGrid.level(value) * 0x010101,
            rgb(image, 1 + 2 * col, 1 + 2 * row + row / 2 * 2), "cell " + row + "," + col);
      }
    }
  }

  @Test
  void captionsAndLabelsMakeRoomAndAreDrawn() {
    ImageShape shape = ImageShape.grey(28, 28);
    float[] zeros = new float[4 * shape.size()];
    BufferedImage plain = ImageGrid.builder().columns(2).scale(2).build().render(zeros, shape);
    BufferedImage labelled = ImageGrid.builder().columns(2).scale(2).title("Reconstructions")
        .columnLabels(List.of("input", "reconstruction")).rowLabels(List.of("a", "b")).build()
        .render(zeros, shape);
    int extraTop = labelled.getHeight() - plain.getHeight();
    int extraLeft = labelled.getWidth() - plain.getWidth();
    assertTrue(extraTop > 20, "title and captions add height, got " + extraTop);
    assertTrue(extraLeft > 5, "row labels add width, got " + extraLeft);
    assertTrue(darkPixels(labelled, 0, 0, labelled.getWidth(), extraTop) > 20, "text drawn above the grid");
    assertTrue(darkPixels(labelled, 0, extraTop, extraLeft, labelled.getHeight()) > 5, "text drawn left of rows");
    // the first image starts right after the label column, caption band and separator
    assertEquals(0x000000, rgb(labelled, extraLeft + 2, extraTop + 2));
    assertEquals(WHITE, rgb(labelled, extraLeft + 1, extraTop + 1));
  }

  @Test
  void writesAPngThatReadsBackTheSame() throws IOException {
    ImageGrid grid = ImageGrid.builder().columns(4).scale(3).build();
    ImageShape shape = ImageShape.grey(5, 5);
    float[] values = ramps(7, 5, 5);
    Path file = folder.resolve("grids/samples.png");
    grid.write(file, values, shape);
    BufferedImage read = ImageIO.read(file.toFile());
    BufferedImage rendered = grid.render(values, shape);
    assertEquals(rendered.getWidth(), read.getWidth());
    assertEquals(rendered.getHeight(), read.getHeight());
    for (int y = 0; y < read.getHeight(); y++) {
      for (int x = 0; x < read.getWidth(); x++) {
        assertEquals(rgb(rendered, x, y), rgb(read, x, y));
      }
    }
    grid.writePairs(folder.resolve("pairs.png"), values, values, shape);
    assertTrue(Files.size(folder.resolve("pairs.png")) > 0);
  }

  @Test
  void rejectsValuesThatAreNotWholeImages() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ImageGrid.defaults().render(new float[1000], ImageShape.grey(28, 28)));
    assertEquals("expected a positive multiple of 784 values (images of [1, 28, 28]), got 1000", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ImageGrid.defaults().render(new float[0], ImageShape.grey(2, 2)));
    assertThrows(IllegalArgumentException.class,
        () -> ImageGrid.defaults().renderPairs(new float[4], new float[8], ImageShape.grey(2, 2)));
    assertThrows(IllegalArgumentException.class, () -> new ImageShape(2, 28, 28));
    assertThrows(IllegalArgumentException.class, () -> ImageGrid.builder().scale(0));
  }

  @Test
  void levelRoundsToTheNearestOf256() {
    assertEquals(0, ImageGrid.level(0f));
    assertEquals(255, ImageGrid.level(1f));
    assertEquals(128, ImageGrid.level(0.5f));
    assertEquals(-1, ImageGrid.level(Float.NaN));
  }

  private static int darkPixels(BufferedImage image, int x0, int y0, int x1, int y1) {
    int count = 0;
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        Color c = new Color(image.getRGB(x, y));
        if (c.getRed() + c.getGreen() + c.getBlue() < 300) {
          count++;
        }
      }
    }
    return count;
  }
}
