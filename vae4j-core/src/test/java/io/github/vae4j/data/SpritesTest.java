package io.github.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class SpritesTest {

  private static final Logger LOG = LoggerFactory.getLogger(SpritesTest.class);

  @TempDir
  Path dir;

  @Test
  void sameSeedSameImages() {
    Dataset a = Sprites.generate(200, new SplittableRandom(5));
    Dataset b = Sprites.generate(200, new SplittableRandom(5));
    Dataset c = Sprites.generate(200, new SplittableRandom(6));
    assertEquals(a.sha256(), b.sha256());
    assertArrayEquals(a.copyValues(), b.copyValues());
    assertNotEquals(a.sha256(), c.sha256());
  }

  @Test
  void shapesLabelsAndFactors() {
    Dataset data = Sprites.generate(2000, 32, new SplittableRandom(1));
    assertEquals(2000, data.count());
    assertEquals(List.of(1, 32, 32), data.exampleShape());
    assertEquals(Sprites.SHAPES, data.classNames());
    assertEquals(Sprites.FACTORS, data.factorNames());
    for (int count : data.labelCounts()) {
      assertTrue(count > 400 && count < 600, "shapes drawn uniformly, got " + count);
    }
    for (int i = 0; i < data.count(); i++) {
      float[] factors = data.factors(i);
      assertEquals(data.label(i), (int) factors[0]);
      assertTrue(factors[1] >= 0.5f && factors[1] <= 1f);
      assertTrue(factors[2] >= 0 && factors[2] < 2 * Math.PI);
      assertTrue(factors[3] >= 0 && factors[3] <= 1 && factors[4] >= 0 && factors[4] <= 1);
      float total = 0;
      for (float value : data.row(i)) {
        assertTrue(value >= 0 && value <= 1);
        total += value;
      }
      assertTrue(total > 10, "every image shows a shape");
    }
  }

  @Test
  void shapesHaveTheirAreaCentreAndStayInside() {
    int size = 64;
    float radius = 0.25f * size;
    // square side 1.4 r, ellipse semi-axes 0.95 r and 0.474 r, triangle circumradius 0.95 r
    double[] areas = {1.96, Math.PI * 0.9 / 2, Double.NaN, 3 * Math.sqrt(3) / 4 * 0.9025};
    for (int shape : new int[] {0, 1, 3}) {
      float[] image = Sprites.render(shape, 1f, 0.3f, 0.4f, 0.7f, size);
      Moments m = Moments.of(image, size);
      assertEquals(areas[shape] * radius * radius, m.area, 0.02 * m.area, "area of " + shape);
      double centreX = radius + 1 + 0.4 * (size - 2 * radius - 2);
      double centreY = radius + 1 + 0.7 * (size - 2 * radius - 2);
      assertEquals(centreX, m.x, 0.05, "x of " + shape);
      assertEquals(centreY, m.y, 0.05, "y of " + shape);
    }
    // in a corner at the largest scale, nothing is cut: the border stays dark
    for (int shape = 0; shape < 4; shape++) {
      float[] corner = Sprites.render(shape, 1f, 0.785f, 0f, 1f, size);
      for (int i = 0; i < size; i++) {
        assertEquals(0f, corner[i * size], "left border of shape " + shape);
        assertEquals(0f, corner[(size - 1) * size + i], "bottom border of shape " + shape);
      }
    }
  }

  @Test
  void rotationTurnsTheEllipseCounterClockwise() {
    int size = 64;
    for (double degrees : new double[] {0, 30, 75, 120}) {
      float[] image = Sprites.render(1, 1f, (float) Math.toRadians(degrees), 0.5f, 0.5f, size);
      Moments m = Moments.of(image, size);
      // the major axis, measured with y pointing up as the image is viewed
      double angle = Math.toDegrees(0.5 * Math.atan2(-2 * m.xy, m.xx - m.yy));
      double difference = ((angle - degrees) % 180 + 270) % 180 - 90;
      assertEquals(0, difference, 2, "ellipse at " + degrees + " degrees");
    }
  }

  @Test
  void upright() {
    int size = 64;
    // the triangle's apex points up: its top row is narrower than its bottom row
    float[] triangle = Sprites.render(3, 1f, 0f, 0.5f, 0.5f, size);
    assertTrue(rowMass(triangle, size, true) < rowMass(triangle, size, false));
    // the heart's tip points down
    float[] heart = Sprites.render(2, 1f, 0f, 0.5f, 0.5f, size);
    assertTrue(rowMass(heart, size, true) > rowMass(heart, size, false));
    // a quarter turn lays the triangle on its side: apex to the left, counter-clockwise
    float[] turned = transpose(Sprites.render(3, 1f, (float) (Math.PI / 2), 0.5f, 0.5f, size),
        size);
    assertTrue(rowMass(turned, size, true) < rowMass(turned, size, false));
  }

  @Test
  void generatesTwentyThousandQuickly() {
    long start = System.nanoTime();
    Dataset data = Sprites.generate(20_000, new SplittableRandom(0));
    LOG.info("generated {} sprites in {} ms", data.count(), (System.nanoTime() - start) / 1e6);
    assertEquals(20_000 * 28 * 28, data.copyValues().length);
  }

  @Test
  void writesAViewableGrid() throws IOException {
    Dataset data = Sprites.generate(64, new SplittableRandom(11));
    Path file = dir.resolve("sprites.png");
    ImageIO.write(grid(data, 8, 3), "png", file.toFile());
    BufferedImage back = ImageIO.read(file.toFile());
    assertEquals(8 * 28 * 3 + 9 * 2, back.getWidth());
  }

  @Test
  void rejectsBadArguments() {
    assertEquals("size must be in [16, 4096], got 15", assertThrows(IllegalArgumentException.class,
        () -> Sprites.generate(1, 15, new SplittableRandom(0))).getMessage());
    assertThrows(IllegalArgumentException.class, () -> Sprites.generate(0,
        new SplittableRandom(0)));
    assertThrows(IllegalArgumentException.class, () -> Sprites.render(4, 1, 0, 0, 0, 28));
    assertThrows(IllegalArgumentException.class, () -> Sprites.render(0, 0.4f, 0, 0, 0, 28));
    assertThrows(IllegalArgumentException.class, () -> Sprites.render(0, 1, 0, 1.5f, 0, 28));
  }

  /** Examples laid out {@code columns} wide, each pixel drawn {@code zoom} times, 2 px gaps. */
  static BufferedImage grid(Dataset data, int columns, int zoom) {
    int height = data.exampleShape().get(1);
    int width = data.exampleShape().get(2);
    int rows = (data.count() + columns - 1) / columns;
    BufferedImage out = new BufferedImage(columns * (width * zoom + 2) + 2,
        rows * (height * zoom + 2) + 2, BufferedImage.TYPE_BYTE_GRAY);
    for (int i = 0; i < data.count(); i++) {
      float[] row = data.row(i);
      int left = 2 + (i % columns) * (width * zoom + 2);
      int top = 2 + (i / columns) * (height * zoom + 2);
      for (int y = 0; y < height * zoom; y++) {
        for (int x = 0; x < width * zoom; x++) {
          int value = Math.round(255 * row[(y / zoom) * width + x / zoom]);
          out.getRaster().setSample(left + x, top + y, 0, value);
        }
      }
    }
    return out;
  }

  private static float[] transpose(float[] image, int size) {
    float[] out = new float[image.length];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        out[x * size + y] = image[y * size + x];
      }
    }
    return out;
  }

  /** The mass of the row two pixels inside the shape's top (or bottom) edge. */
  private static double rowMass(float[] image, int size, boolean top) {
    int first = -1;
    int last = -1;
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        if (image[y * size + x] > 0.5f) {
          if (first < 0) {
            first = y;
          }
          last = y;
        }
      }
    }
    int row = top ? first + 2 : last - 2;
    double mass = 0;
    for (int x = 0; x < size; x++) {
      mass += image[row * size + x];
    }
    return mass;
  }

  /** Area, centroid and central second moments of an image (pixel centres at +0.5). */
  private record Moments(double area, double x, double y, double xx, double yy, double xy) {

    static Moments of(float[] image, int size) {
      double area = 0;
      double sx = 0;
      double sy = 0;
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          double w = image[y * size + x];
          area += w;
          sx += w * (x + 0.5);
          sy += w * (y + 0.5);
        }
      }
      double cx = sx / area;
      double cy = sy / area;
      double xx = 0;
      double yy = 0;
      double xy = 0;
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          double w = image[y * size + x];
          xx += w * (x + 0.5 - cx) * (x + 0.5 - cx);
          yy += w * (y + 0.5 - cy) * (y + 0.5 - cy);
          xy += w * (x + 0.5 - cx) * (y + 0.5 - cy);
        }
      }
      return new Moments(area, cx, cy, xx / area, yy / area, xy / area);
    }
  }
}
