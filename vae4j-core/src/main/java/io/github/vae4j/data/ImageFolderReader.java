package io.github.vae4j.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a folder of images (PNG, JPEG, BMP, GIF through {@code javax.imageio}) into a
 * {@link Dataset} of shape [count, channels, height, width] in [0, 1].
 *
 * <p>Order: files sorted by name; with labels from folders, class sub-folders sorted by name give
 * labels 0, 1, ... and class names, and each one's files are sorted by name. Other files and
 * hidden entries are ignored.
 *
 * <p>Colour: grey-level images keep their samples (value / max); colour images become grey by
 * ITU-R BT.601 luma, 0.299 R + 0.587 G + 0.114 B, or stay RGB (channel-planar) when 3 channels
 * are asked for. Alpha is ignored. Size: every image must have the size of the first one, unless
 * a size is requested, in which case each is resized bilinearly (pixel centres aligned).
 *
 * <p>The checksum is the SHA-256 over each file's relative path and bytes, in reading order. An
 * unreadable or corrupt image, or one of another size, is one {@link DataFormatException} naming
 * the file.
 */
public final class ImageFolderReader {

  private static final Logger LOG = LoggerFactory.getLogger(ImageFolderReader.class);

  /** File name extensions read as images, lower case. */
  public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");

  private ImageFolderReader() {
  }

  /** Reads the images directly in {@code folder} as grey levels, keeping their common size. */
  public static Dataset read(Path folder) {
    return read(folder, ImageFolderOptions.defaults());
  }

  /** Reads {@code folder} as {@code options} say. */
  public static Dataset read(Path folder, ImageFolderOptions options) {
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException("no such folder: " + folder);
    }
    List<Path> files = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    List<String> classNames = new ArrayList<>();
    if (options.labelsFromFolders()) {
      for (Path classFolder : list(folder, Files::isDirectory)) {
        for (Path file : list(classFolder, ImageFolderReader::isImage)) {
          files.add(file);
          labels.add(classNames.size());
        }
        classNames.add(classFolder.getFileName().toString());
      }
      if (classNames.isEmpty()) {
        throw new IllegalArgumentException("no class sub-folders in " + folder
            + " (labels from folders need one sub-folder of images per class)");
      }
    } else {
      files.addAll(list(folder, ImageFolderReader::isImage));
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no images (" + String.join(", ", EXTENSIONS.stream()
          .sorted().toList()) + ") in " + folder + (options.labelsFromFolders() ? "'s sub-folders"
          : ""));
    }

    MessageDigest digest = DataFiles.digest("SHA-256");
    int channels = options.channels();
    int height = options.height();
    int width = options.width();
    Path first = null;
    float[] values = null;
    int features = 0;
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      byte[] bytes = DataFiles.readAll(file);
      digest.update(folder.relativize(file).toString().replace('\\', '/')
          .getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(bytes);
      BufferedImage image = decode(file, bytes);
      if (first == null) {
        first = file;
        if (!options.resizes()) {
          height = image.getHeight();
          width = image.getWidth();
        }
        features = Math.multiplyExact(channels, Math.multiplyExact(height, width));
        values = new float[Math.multiplyExact(features, files.size())];
      } else if (!options.resizes()
          && (image.getHeight() != height || image.getWidth() != width)) {
        throw new DataFormatException(file, "expected images of " + height + "x" + width
            + " (height x width) like " + first.getFileName() + ", got " + image.getHeight()
            + "x" + image.getWidth() + " (ask for a size to resize them)");
      }
      float[] planes = planes(image, channels);
      if (image.getHeight() != height || image.getWidth() != width) {
        planes = resize(planes, channels, image.getHeight(), image.getWidth(), height, width);
      }
      System.arraycopy(planes, 0, values, i * features, features);
    }
    String sha256 = HexFormat.of().formatHex(digest.digest());
    int[] labelArray = options.labelsFromFolders()
        ? labels.stream().mapToInt(Integer::intValue).toArray() : null;
    LOG.info("read {} images of {}x{}x{} from {}", files.size(), channels, height, width, folder);
    return new Dataset("images (" + folder + ")", sha256, values,
        new int[] {channels, height, width}, labelArray,
        options.labelsFromFolders() ? classNames : List.of(), null, List.of());
  }

  /** Whether {@code file} is a regular file with an image extension. */
  static boolean isImage(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return Files.isRegularFile(file) && dot > 0
        && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private static List<Path> list(Path folder, Predicate<Path> keep) {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.filter(path -> !path.getFileName().toString().startsWith("."))
          .filter(keep)
          .sorted(Comparator.comparing(path -> path.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
    }
  }

  /** Decodes {@code bytes}; a decoder warning (such as a truncated JPEG) counts as corrupt. */
  static BufferedImage decode(Path file, byte[] bytes) {
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new DataFormatException(file, "not a readable image: no decoder recognises it");
      }
      ImageReader reader = readers.next();
      List<String> warnings = new ArrayList<>();
      try {
        reader.setInput(in, true, true);
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        BufferedImage image = reader.read(0);
        if (!warnings.isEmpty()) {
          throw new DataFormatException(file, "corrupt image: " + warnings.getFirst());
        }
        if (image.getWidth() < 1 || image.getHeight() < 1) {
          throw new DataFormatException(file, "empty image");
        }
        return image;
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof DataFormatException format) {
        throw format;
      }
      throw new DataFormatException(file, "corrupt image (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
    }
  }

  /** The image as channel planes [channels, height, width] in [0, 1]. */
  static float[] planes(BufferedImage image, int channels) {
    int height = image.getHeight();
    int width = image.getWidth();
    int pixels = height * width;
    float[] out = new float[channels * pixels];
    ColorModel model = image.getColorModel();
    if (model.getColorSpace().getType() == ColorSpace.TYPE_GRAY
        && !(model instanceof IndexColorModel)) {
      // read samples directly: getRGB would pass grey through a gamma conversion
      int[] samples = image.getRaster().getSamples(0, 0, width, height, 0, (int[]) null);
      float max = (1 << model.getComponentSize(0)) - 1;
      for (int p = 0; p < pixels; p++) {
        float value = samples[p] / max;
        for (int c = 0; c < channels; c++) {
          out[c * pixels + p] = value;
        }
      }
      return out;
    }
    int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
    for (int p = 0; p < pixels; p++) {
      int r = argb[p] >> 16 & 0xFF;
      int g = argb[p] >> 8 & 0xFF;
      int b = argb[p] & 0xFF;
      if (channels == 1) {
        out[p] = (0.299f * r + 0.587f * g + 0.114f * b) / 255f;
      } else {
        out[p] = r / 255f;
        out[pixels + p] = g / 255f;
        out[2 * pixels + p] = b / 255f;
      }
    }
    return out;
  }

  /** Bilinear resize of channel planes, sampling at aligned pixel centres. */
  static float[] resize(float[] planes, int channels, int fromHeight, int fromWidth, int height,
      int width) {
    float[] out = new float[channels * height * width];
    float scaleY = (float) fromHeight / height;
    float scaleX = (float) fromWidth / width;
    for (int c = 0; c < channels; c++) {
      int in = c * fromHeight * fromWidth;
      for (int y = 0; y < height; y++) {
        float sy = Math.clamp((y + 0.5f) * scaleY - 0.5f, 0f, fromHeight - 1f);
        int y0 = (int) sy;
        int y1 = Math.min(y0 + 1, fromHeight - 1);
        float fy = sy - y0;
        for (int x = 0; x < width; x++) {
          float sx = Math.clamp((x + 0.5f) * scaleX - 0.5f, 0f, fromWidth - 1f);
          int x0 = (int) sx;
          int x1 = Math.min(x0 + 1, fromWidth - 1);
          float fx = sx - x0;
          float top = planes[in + y0 * fromWidth + x0] * (1 - fx)
              + planes[in + y0 * fromWidth + x1] * fx;
          float bottom = planes[in + y1 * fromWidth + x0] * (1 - fx)
              + planes[in + y1 * fromWidth + x1] * fx;
          out[(c * height + y) * width + x] = top * (1 - fy) + bottom * fy;
        }
      }
    }
    return out;
  }
}
