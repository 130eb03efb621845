package io.github.vae4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.data.Dataset;
import io.github.vae4j.data.Sprites;
import io.github.vae4j.model.Vae;
import io.github.vae4j.model.VaeConfig;
import io.github.vae4j.train.ElboMetrics;
import io.github.vae4j.train.EpochMetrics;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PicturesTest {


  /** 28 x 28 images are drawn at scale 3. */
  private static final int CELL = 28 * 3;

  private static final Dataset SPRITES = Sprites.generate(40, new SplittableRandom(1));

  @TempDir
  Path dir;

  private static Vae model(int latent) {
    return new Vae(new VaeConfig(SPRITES.exampleShape(), "mlp", List.of(16), latent, "relu", "bernoulli", 1,
        "pytorch"), new SplittableRandom(1));
  }

  static BufferedImage png(Path file) throws IOException {
    assertTrue(Files.isRegularFile(file), file + " exists");
    BufferedImage image = ImageIO.read(file.toFile());
    assertNotNull(image, file + " decodes as an image");
    return image;
  }

  /** Not a blank canvas: at least two distinct colours. */
  static void assertDrawn(BufferedImage image) {
    int first = image.getRGB(0, 0);
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        if (image.getRGB(x, y) != first) {
          return;
        }
      }
    }
    throw new AssertionError("the picture is one flat colour");
  }

  @Test
  void samplesMakeASquareishGrid() throws IOException {
    Path file = dir.resolve("samples.png");
    Pictures.samples(file, model(3), 16, new SplittableRandom(2));
    BufferedImage image = png(file);
    assertTrue(image.getWidth() >= 4 * CELL && image.getWidth() < 5 * CELL, "width " + image.getWidth());
    assertTrue(image.getHeight() >= 4 * CELL && image.getHeight() < 6 * CELL, "height " + image.getHeight());
    assertDrawn(image);
  }

  @Test
  void reconstructionsPutEightPairsToARow() throws IOException {
    Path file = dir.resolve("reconstructions.png");
    int[] indices = java.util.stream.IntStream.range(0, 16).toArray();
    Pictures.reconstructions(file, model(3), SPRITES, indices);
    BufferedImage image = png(file);
    assertTrue(image.getWidth() >= 16 * CELL && image.getWidth() < 19 * CELL, "width " + image.getWidth());
    assertTrue(image.getHeight() >= 2 * CELL && image.getHeight() < 4 * CELL, "height " + image.getHeight());
    assertDrawn(image);
  }

  @Test
  void traversalHasOneRowPerLatentDimension() throws IOException {
    Path file = dir.resolve("traversal.png");
    Vae vae = model(3);
    float[] base = Pictures.encodeMeans(vae, SPRITES, new int[] {0});
    assertEquals(3, base.length);
    Pictures.traversal(file, vae, base, 7, 2.5);
    BufferedImage image = png(file);
    assertTrue(image.getWidth() >= 7 * CELL && image.getWidth() < 8 * CELL, "width " + image.getWidth());
    assertTrue(image.getHeight() >= 3 * CELL && image.getHeight() < 5 * CELL, "height " + image.getHeight());
  }

  @Test
  void manifoldNeedsTwoLatentDimensions() throws IOException {
    Path file = dir.resolve("manifold.png");
    Pictures.manifold(file, model(2), 5);
    BufferedImage image = png(file);
    assertTrue(image.getWidth() >= 5 * CELL && image.getWidth() < 6 * CELL, "width " + image.getWidth());
    assertEquals("the manifold needs a 2-D latent space, this model has 3", assertThrows(
        IllegalArgumentException.class, () -> Pictures.manifold(dir.resolve("no.png"), model(3), 5)).getMessage());
    assertFalse(Files.exists(dir.resolve("no.png")));
  }

  @Test
  void encodeMeansGivesOneCodePerExample() {
    float[] codes = Pictures.encodeMeans(model(3), SPRITES, new int[] {0, 5, 9});
    assertEquals(9, codes.length);
  }

  @Test
  void curvesAndScatterAreCharts() throws IOException {
    List<EpochMetrics> history = List.of(
        ElboMetrics.of(1, 300, 280, 20, 310, 290, 20, 0.5, 1e-3, 1),
        ElboMetrics.of(2, 250, 232, 18, 260, 240, 20, 0.45, 1e-3, 1));
    Path curves = dir.resolve("curves.png");
    Pictures.curves(curves, history);
    BufferedImage chart = png(curves);
    assertTrue(chart.getWidth() >= 200 && chart.getHeight() >= 150, chart.getWidth() + "x" + chart.getHeight());
    assertDrawn(chart);

    Path scatter = dir.resolve("scatter.png");
    Pictures.latentScatter(scatter, model(3), SPRITES, 30);
    assertDrawn(png(scatter));
    // one latent dimension, and data without labels
    Dataset unlabelled = Dataset.of("plain", SPRITES.copyValues(), SPRITES.exampleShape());
    Pictures.latentScatter(dir.resolve("one.png"), model(1), unlabelled, 30);
    assertDrawn(png(dir.resolve("one.png")));
  }

  @Test
  void imagePicturesNeedAnImageModel() {
    Vae rows = new Vae(new VaeConfig(List.of(5), "mlp", List.of(4), 2, "relu", "gaussian", 1, "pytorch"),
        new SplittableRandom(1));
    assertFalse(Pictures.isImageModel(rows));
    assertTrue(Pictures.isImageModel(model(2)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Pictures.samples(dir.resolve("s.png"), rows, 4, new SplittableRandom(1)));
    assertTrue(e.getMessage().contains("this one reads [5]"), e.getMessage());
  }
}
