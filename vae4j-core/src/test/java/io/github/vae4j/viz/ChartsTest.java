package io.github.vae4j.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

  @TempDir
  Path folder;

  private static List<Series> losses() {
    double[] epochs = new double[40];
    double[] train = new double[40];
    double[] validation = new double[40];
    for (int i = 0; i < 40; i++) {
      epochs[i] = i + 1;
      train[i] = 100 + 80 * Math.exp(-i / 6.0);
      validation[i] = 104 + 78 * Math.exp(-i / 7.0);
    }
    return List.of(Series.of("train", epochs, train), Series.of("validation", epochs, validation));
  }

  @Test
  void curvesWriteADecodablePngOfTheRequestedSize() throws IOException {
    Path file = folder.resolve("loss.png");
    Charts.writeCurves(file, ChartOptions.of("Negative ELBO", "epoch", "nats").withSize(640, 400), losses());
    BufferedImage image = ImageIO.read(file.toFile());
    assertNotNull(image, "decodable PNG");
    assertEquals(640, image.getWidth());
    assertEquals(400, image.getHeight());
    assertTrue(count(image, Charts.color(0, 255), 40) > 200, "the blue train curve is drawn");
    assertTrue(count(image, Charts.color(1, 255), 40) > 200, "the orange validation curve is drawn");
  }

  @Test
  void curvesSurviveNanAndLogScale() {
    Series diverged = Series.byEpoch("train", List.of(3.0, 2.0, Double.NaN, Double.POSITIVE_INFINITY, 1.5));
    BufferedImage image = Charts.curves(ChartOptions.of("t", "epoch", "loss").withLogY(true),
        List.of(diverged, Series.byEpoch("empty", List.of())));
    assertEquals(ChartOptions.DEFAULT_WIDTH, image.getWidth());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Charts.curves(ChartOptions.of("t", "", "").withLogY(true), List.of(Series.byEpoch("kl", List.of(1, 0)))));
    assertTrue(e.getMessage().contains("series 'kl' has 0.0 at x = 2.0"), e.getMessage());
  }

  @Test
  void curvesNeedSomethingToPlot() {
    assertThrows(IllegalArgumentException.class,
        () -> Charts.curves(ChartOptions.of("t", "", ""), List.of(Series.byEpoch("a", List.of()))));
    assertThrows(IllegalArgumentException.class, () -> Series.of("a", new double[2], new double[3]));
  }

  @Test
  void scatterOfTenThousandLabelledPointsWritesAPngOfTheRequestedSize() throws IOException {
    SplittableRandom random = new SplittableRandom(3);
    int n = 10_000;
    float[] x = new float[n];
    float[] y = new float[n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 10;
      double angle = 2 * Math.PI * labels[i] / 10;
      x[i] = (float) (3 * Math.cos(angle) + 0.5 * random.nextGaussian());
      y[i] = (float) (3 * Math.sin(angle) + 0.5 * random.nextGaussian());
    }
    x[5] = Float.NaN;
    Path file = folder.resolve("latent.png");
    Charts.writeScatter(file, ChartOptions.of("Latent means", "z1", "z2").withSize(700, 600), x, y, labels,
        List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"));
    BufferedImage image = ImageIO.read(file.toFile());
    assertNotNull(image, "decodable PNG");
    assertEquals(700, image.getWidth());
    assertEquals(600, image.getHeight());
    // translucent markers: some pixels show a label colour blended with the white plot
    Color cyan = Charts.color(9, 255);
    Color halfCyan = new Color((cyan.getRed() + 255) / 2, (cyan.getGreen() + 255) / 2, (cyan.getBlue() + 255) / 2);
    assertTrue(count(image, halfCyan, 30) + count(image, cyan, 30) > 300, "label 9 points are drawn");
  }

  @Test
  void scatterRejectsMismatchedInputs() {
    ChartOptions options = ChartOptions.of("t", "", "");
    assertThrows(IllegalArgumentException.class,
        () -> Charts.scatter(options, new float[3], new float[2], null, List.of()));
    assertThrows(IllegalArgumentException.class,
        () -> Charts.scatter(options, new float[2], new float[2], new int[] {0, -1}, List.of()));
    BufferedImage unlabelled = Charts.scatter(options, new float[] {0, 1}, new float[] {1, 0}, null, List.of());
    assertEquals(ChartOptions.DEFAULT_HEIGHT, unlabelled.getHeight());
  }

  @Test
  void optionsValidateTheirSize() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ChartOptions.of("t", "x", "y").withSize(10, 400));
    assertEquals("width must be in [200, 8000] pixels, got 10", e.getMessage());
  }

  @Test
  void paletteGoesBeyondTenLabels() {
    assertEquals(new Color(0x1f77b4), Charts.color(0, 255));
    assertTrue(!Charts.color(10, 255).equals(Charts.color(11, 255)));
    assertEquals(128, Charts.color(12, 128).getAlpha());
  }

  /** Pixels within {@code tolerance} (sum of channel differences) of {@code color}. */
  private static int count(BufferedImage image, Color color, int tolerance) {
    int count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        Color c = new Color(image.getRGB(x, y));
        int d = Math.abs(c.getRed() - color.getRed()) + Math.abs(c.getGreen() - color.getGreen())
            + Math.abs(c.getBlue() - color.getBlue());
        if (d <= tolerance) {
          count++;
        }
      }
    }
    return count;
  }
}
