package io.github.vae4j.viz;

import io.github.vae4j.io.AtomicFiles;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * PNG encoding through ImageIO, kept in memory (ImageIO's default stream would spill a cache file
 * into the temporary folder) and written to disk atomically.
 */
public final class Png {

  private Png() {}

  /** Writes {@code image} to {@code file} as PNG, atomically. */
  public static void write(Path file, RenderedImage image) throws IOException {
    AtomicFiles.write(file, out -> encode(image, out));
  }

  /** The PNG bytes of {@code image}. */
  public static byte[] encode(RenderedImage image) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    encode(image, bytes);
    return bytes.toByteArray();
  }

  private static void encode(RenderedImage image, OutputStream out) throws IOException {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
    if (!writers.hasNext()) {
      throw new IOException("this Java runtime has no PNG writer");
    }
    ImageWriter writer = writers.next();
    try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.write(image);
      stream.flush();
    } finally {
      writer.dispose();
    }
  }
}
