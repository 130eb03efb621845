package io.github.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSourceTest {

  @TempDir
  Path dir;

  private static String failure(String spec) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DataSource.parse(spec));
    assertTrue(e.getMessage().startsWith("bad data spec \"" + spec + "\": "), e.getMessage());
    assertTrue(e.getMessage().endsWith(" (valid forms: " + DataSource.FORMS + ")"),
        e.getMessage());
    return e.getMessage().substring(("bad data spec \"" + spec + "\": ").length(),
        e.getMessage().length() - (" (valid forms: " + DataSource.FORMS + ")").length());
  }

  @Test
  void parsesEveryForm() throws IOException {
    Path csv = Files.writeString(dir.resolve("t.csv"), "1,2\n");
    Path npy = dir.resolve("t.npy");
    NpyWriter.write(npy, new float[] {1, 2}, 2);
    Path frey = MatFiles.freyLike(dir.resolve("frey.mat"), 560, 2);
    assertEquals(new DataSource(DataSource.Kind.MNIST, dir, 0, 0),
        DataSource.parse("mnist:" + dir));
    assertEquals(DataSource.Kind.FASHION_MNIST, DataSource.parse("fashion-mnist:" + dir).kind());
    assertEquals(DataSource.Kind.IMAGES, DataSource.parse("images:" + dir).kind());
    assertEquals(csv, DataSource.parse("csv:" + csv).path());
    assertEquals(DataSource.Kind.NPY, DataSource.parse("npy:" + npy).kind());
    assertEquals(DataSource.Kind.FREY, DataSource.parse(" FREY:" + frey).kind());
    assertEquals(new DataSource(DataSource.Kind.SPRITES, null, 20_000, 0),
        DataSource.parse("sprites"));
    assertEquals(500, DataSource.parse("sprites:500").count());
    assertEquals(9, DataSource.parse("sprites:500:9").seed());
    assertEquals("csv:" + csv, DataSource.parse("csv:" + csv).spec());
    assertEquals("sprites:500:9", DataSource.parse("sprites:500:9").toString());
    assertEquals("sprites:20000", DataSource.parse("sprites").spec());
  }

  @Test
  void badSpecsListTheValidForms() throws IOException {
    assertEquals("unknown data source \"cifar\"", failure("cifar:/data"));
    assertEquals("unknown data source \"\"", failure(""));
    assertEquals("mnist needs a folder", failure("mnist"));
    assertEquals("csv needs a file", failure("csv:"));
    assertEquals("no such folder: " + dir.resolve("absent"), failure("mnist:"
        + dir.resolve("absent")));
    assertEquals("no such file: " + dir, failure("npy:" + dir));
    Path file = Files.writeString(dir.resolve("f"), "x");
    assertEquals("no such folder: " + file, failure("images:" + file));
    assertEquals("sprites count and seed must be integers", failure("sprites:many"));
    assertEquals("sprites count must be >= 1, got 0", failure("sprites:0"));
    assertEquals("sprites takes at most a count and a seed", failure("sprites:1:2:3"));
  }

  @Test
  void recordValidates() {
    assertThrows(IllegalArgumentException.class,
        () -> new DataSource(DataSource.Kind.SPRITES, dir, 10, 0));
    assertThrows(IllegalArgumentException.class,
        () -> new DataSource(DataSource.Kind.CSV, null, 0, 0));
    assertThrows(IllegalArgumentException.class,
        () -> new DataSource(DataSource.Kind.CSV, dir, 5, 0));
  }

  @Test
  void spritesLoadReproduciblyWithoutATestSplit() {
    DataSource source = DataSource.parse("sprites:50:3");
    Dataset train = source.train();
    assertEquals(50, train.count());
    assertEquals(Sprites.generate(50, new SplittableRandom(3)).sha256(), train.sha256());
    assertFalse(source.hasTestSplit());
    assertTrue(source.test().isEmpty());
  }

  @Test
  void mnistFoldersLoadBothSplits() throws IOException {
    Files.write(dir.resolve("train-images-idx3-ubyte.gz"), IdxFiles.gzip(IdxFiles.images(6, 28,
        28, 0)));
    Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), IdxFiles.gzip(IdxFiles.labels(6)));
    Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), IdxFiles.gzip(IdxFiles.images(2, 28,
        28, 0)));
    Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), IdxFiles.gzip(IdxFiles.labels(2)));
    DataSource source = DataSource.parse("fashion-mnist:" + dir);
    assertTrue(source.hasTestSplit());
    assertEquals(6, source.train().count());
    assertEquals(2, source.test().orElseThrow().count());
    assertEquals(Mnist.FASHION_CLASSES, source.train().classNames());
  }

  @Test
  void fileSourcesLoadTheWholeSet() throws IOException {
    Path csv = Files.writeString(dir.resolve("t.csv"), "a,b\n1,2\n3,4\n");
    assertEquals(2, DataSource.parse("csv:" + csv).train().count());
    Path npy = dir.resolve("t.npy");
    NpyWriter.write(npy, new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
    assertArrayEquals(new float[] {5, 6}, DataSource.parse("npy:" + npy).train().row(2));
    Path frey = MatFiles.freyLike(dir.resolve("frey.mat"), 560, 2);
    assertEquals(List.of(1, 28, 20), DataSource.parse("frey:" + frey).train().exampleShape());
    assertTrue(DataSource.parse("frey:" + frey).test().isEmpty());
  }

  @Test
  void imageFoldersWithClassSubFoldersGetLabels() throws IOException {
    Path flat = Files.createDirectory(dir.resolve("flat"));
    Path classes = Files.createDirectory(dir.resolve("classes"));
    BufferedImage image = new BufferedImage(3, 3, BufferedImage.TYPE_BYTE_GRAY);
    ImageIO.write(image, "png", flat.resolve("a.png").toFile());
    for (String name : List.of("x", "y")) {
      Path sub = Files.createDirectory(classes.resolve(name));
      ImageIO.write(image, "png", sub.resolve("a.png").toFile());
    }
    assertFalse(DataSource.parse("images:" + flat).train().hasLabels());
    Dataset labelled = DataSource.parse("images:" + classes).train();
    assertEquals(List.of("x", "y"), labelled.classNames());
    assertArrayEquals(new int[] {0, 1}, labelled.labels());
  }

  @Test
  void realMnistThroughASpec() {
    Path folder = SharedData.require("mnist");
    DataSource source = DataSource.parse("mnist:" + folder);
    assertEquals(10000, source.test().orElseThrow().count());
  }
}
