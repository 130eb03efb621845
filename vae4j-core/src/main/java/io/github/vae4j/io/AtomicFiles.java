package io.github.vae4j.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes files atomically: the contents go to a temporary file in the target's folder, are forced
 * to disk, and the temporary file is renamed over the target. Readers see either the previous file
 * or the complete new one, never half of it, and a failed write leaves the previous file as it was
 * and no temporary file behind.
 *
 * <p>The rename is {@link StandardCopyOption#ATOMIC_MOVE}; a file system that cannot do that falls
 * back to {@link StandardCopyOption#REPLACE_EXISTING}. The temporary file is named
 * {@code .<name>.<random>.tmp} and is created with the default permissions, so the final file gets
 * the same permissions as any other new file (not the owner-only ones of
 * {@link Files#createTempFile}). The parent folder is created when missing.
 */
public final class AtomicFiles {

  private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);
  private static final int BUFFER_BYTES = 1 << 16;

  private AtomicFiles() {}

  /**
   * Writes {@code target} with what {@code contents} writes to the stream it is given. The stream is
   * buffered; {@code contents} may close it or not.
   *
   * @throws IOException when {@code contents} or the file system fails; the target is then unchanged
   */
  public static void write(Path target, IoConsumer<? super OutputStream> contents) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path folder = absolute.getParent();
    Path name = absolute.getFileName();
    if (folder == null || name == null) {
      throw new IllegalArgumentException("expected a file path, got " + target);
    }
    Files.createDirectories(folder);
    Path temporary = folder.resolve("." + name + "." + randomSuffix() + ".tmp");
    boolean moved = false;
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE)) {
        OutputStream buffered = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES);
        contents.accept(new KeepOpen(buffered));
        buffered.flush();
        channel.force(true);
      }
      move(temporary, absolute);
      moved = true;
    } finally {
      if (!moved) {
        deleteQuietly(temporary);
      }
    }
    syncFolder(folder);
  }

  /** Writes {@code bytes} to {@code target} atomically. */
  public static void writeBytes(Path target, byte[] bytes) throws IOException {
    write(target, out -> out.write(bytes));
  }

  /** Writes {@code text} to {@code target} atomically, in UTF-8. */
  public static void writeString(Path target, CharSequence text) throws IOException {
    writeBytes(target, text.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      LOG.debug("atomic rename not supported for {}, replacing instead", to);
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Forces the folder entry of the rename to disk where the platform allows it (POSIX does; Windows
   * cannot open a folder as a channel). The file itself is already durable, so this is best effort.
   */
  private static void syncFolder(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      LOG.trace("could not sync folder {}: {}", folder, e.toString());
    }
  }

  private static void deleteQuietly(Path temporary) {
    try {
      Files.deleteIfExists(temporary);
    } catch (IOException e) {
      LOG.warn("could not delete temporary file {}: {}", temporary, e.toString());
    }
  }

  private static String randomSuffix() {
    return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
  }

  /** Passes writes through and turns close into flush, so the writer cannot close the channel early. */
  private static final class KeepOpen extends FilterOutputStream {

    KeepOpen(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
