package io.github.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderReaderTest {

  @TempDir
  Path dir;

  /** A grey image whose pixel (x, y) is {@code base + x + 10 y}. */
  private static BufferedImage grey(int width, int height, int base) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.getRaster().setSample(x, y, 0, base + x + 10 * y);
      }
    }
    return image;
  }

  /** A uniform RGB image. */
  private static BufferedImage rgb(int width, int height, int r, int g, int b) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, r << 16 | g << 8 | b);
      }
    }
    return image;
  }

  private static Path save(BufferedImage image, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    String format = file.getFileName().toString().replaceAll(".*\\.", "");
    assertTrue(ImageIO.write(image, format, file.toFile()), "no writer for " + format);
    return file;
  }

  @Test
  void readsGreyImagesInNameOrderWithExactValues() throws IOException {
    save(grey(4, 3, 100), dir.resolve("b.png"));
    save(grey(4, 3, 0), dir.resolve("a.png"));
    Files.writeString(dir.resolve("notes.txt"), "ignored");
    Files.writeString(dir.resolve(".hidden.png"), "ignored");
    Dataset data = ImageFolderReader.read(dir);
    assertEquals(2, data.count());
    assertEquals(List.of(1, 3, 4), data.exampleShape());
    // a.png first: pixel (x 2, y 1) = 12; b.png pixel (0, 0) = 100
    assertEquals(12 / 255f, data.value(0, 1 * 4 + 2));
    assertEquals(100 / 255f, data.value(1, 0));
    assertFalse(data.hasLabels());
    assertEquals(64, data.sha256().length());
  }

  @Test
  void convertsColourToGreyOrKeepsRgbPlanes() throws IOException {
    save(rgb(2, 2, 255, 0, 0), dir.resolve("red.png"));
    save(rgb(2, 2, 0, 0, 255), dir.resolve("blue.bmp"));
    Dataset grey = ImageFolderReader.read(dir);
    assertEquals(0.114f, grey.value(0, 0), 1e-6); // blue.bmp sorts first
    assertEquals(0.299f, grey.value(1, 3), 1e-6);
    Dataset colour = ImageFolderReader.read(dir, ImageFolderOptions.defaults().withChannels(3));
    assertEquals(List.of(3, 2, 2), colour.exampleShape());
    assertArrayEquals(new float[] {1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0}, colour.row(1));
    assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1}, colour.row(0));
  }

  @Test
  void readsSixteenBitGreyAndJpeg() throws IOException {
    BufferedImage deep = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
    deep.getRaster().setSample(0, 0, 0, 65535);
    deep.getRaster().setSample(1, 0, 0, 13107);
    save(deep, dir.resolve("deep.png"));
    Dataset data = ImageFolderReader.read(dir);
    assertArrayEquals(new float[] {1f, 0.2f}, data.row(0), 1e-6f);
    Path jpegs = dir.resolve("jpeg");
    save(rgb(8, 8, 200, 200, 200), jpegs.resolve("grey.jpg"));
    assertEquals(200 / 255f, ImageFolderReader.read(jpegs).value(0, 27), 3 / 255f);
  }

  @Test
  void labelsComeFromSortedSubFolders() throws IOException {
    save(grey(2, 2, 0), dir.resolve("zebra").resolve("1.png"));
    save(grey(2, 2, 0), dir.resolve("cat").resolve("2.png"));
    save(grey(2, 2, 0), dir.resolve("cat").resolve("1.png"));
    save(grey(2, 2, 0), dir.resolve("dog").resolve("x.gif"));
    Dataset data = ImageFolderReader.read(dir, ImageFolderOptions.defaults()
        .withLabelsFromFolders(true));
    assertEquals(List.of("cat", "dog", "zebra"), data.classNames());
    assertArrayEquals(new int[] {0, 0, 1, 2}, data.labels());
    IllegalArgumentException flat = assertThrows(IllegalArgumentException.class,
        () -> ImageFolderReader.read(dir));
    assertTrue(flat.getMessage().startsWith("no images (bmp, gif, jpeg, jpg, png) in " + dir),
        flat.getMessage());
  }

  @Test
  void aDifferentSizeNamesTheFileAndBothSizes() throws IOException {
    save(grey(4, 3, 0), dir.resolve("a.png"));
    Path odd = save(grey(5, 3, 0), dir.resolve("b.png"));
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> ImageFolderReader.read(dir));
    assertEquals(odd + ": expected images of 3x4 (height x width) like a.png, got 3x5 (ask for a "
        + "size to resize them)", e.getMessage());
  }

  @Test
  void resizesToARequestedSize() throws IOException {
    save(grey(4, 4, 0), dir.resolve("a.png"));
    BufferedImage flat = new BufferedImage(6, 2, BufferedImage.TYPE_BYTE_GRAY);
    for (int x = 0; x < 6; x++) {
      flat.getRaster().setSample(x, 0, 0, 51);
      flat.getRaster().setSample(x, 1, 0, 51);
    }
    save(flat, dir.resolve("b.png"));
    Dataset data = ImageFolderReader.read(dir, ImageFolderOptions.defaults().withSize(2, 2));
    assertEquals(List.of(1, 2, 2), data.exampleShape());
    assertArrayEquals(new float[] {0.2f, 0.2f, 0.2f, 0.2f}, data.row(1), 1e-6f);
    // a 4x4 ramp x + 10 y sampled at (0.5, 0.5), (2.5, 0.5), ... of the source pixel grid
    assertEquals(5.5f / 255f, data.value(0, 0), 1e-6f);
    assertEquals(27.5f / 255f, data.value(0, 3), 1e-6f);
  }

  @Test
  void corruptImagesAreOneClearError() throws IOException {
    Path good = save(grey(16, 16, 0), dir.resolve("a.png"));
    Path garbage = Files.writeString(dir.resolve("b.png"), "this is not a PNG at all");
    DataFormatException notImage = assertThrows(DataFormatException.class,
        () -> ImageFolderReader.read(dir));
    assertEquals(garbage + ": not a readable image: no decoder recognises it",
        notImage.getMessage());

    byte[] png = Files.readAllBytes(good);
    Files.write(garbage, Arrays.copyOf(png, png.length / 2));
    DataFormatException truncated = assertThrows(DataFormatException.class,
        () -> ImageFolderReader.read(dir));
    assertTrue(truncated.getMessage().startsWith(garbage + ": corrupt image ("),
        truncated.getMessage());
    assertEquals(1, truncated.getMessage().lines().count());

    Path jpegs = dir.resolve("jpeg");
    byte[] jpeg = Files.readAllBytes(save(grey(64, 64, 0), jpegs.resolve("a.jpg")));
    Path cut = Files.write(jpegs.resolve("a.jpg"), Arrays.copyOf(jpeg, jpeg.length * 2 / 3));
    DataFormatException jpegError = assertThrows(DataFormatException.class,
        () -> ImageFolderReader.read(jpegs));
    assertTrue(jpegError.getMessage().startsWith(cut + ": corrupt image"),
        jpegError.getMessage());
  }

  @Test
  void checksumFollowsContentAndNames() throws IOException {
    save(grey(2, 2, 0), dir.resolve("a.png"));
    String first = ImageFolderReader.read(dir).sha256();
    Files.move(dir.resolve("a.png"), dir.resolve("c.png"));
    assertNotEquals(first, ImageFolderReader.read(dir).sha256());
  }

  @Test
  void optionsValidate() {
    assertEquals("channels must be 1 (grey) or 3 (RGB), got 2", assertThrows(
        IllegalArgumentException.class, () -> ImageFolderOptions.defaults().withChannels(2))
        .getMessage());
    assertThrows(IllegalArgumentException.class, () -> ImageFolderOptions.defaults()
        .withSize(0, 5));
    assertThrows(IllegalArgumentException.class, () -> ImageFolderReader.read(dir.resolve("x")));
  }
}
