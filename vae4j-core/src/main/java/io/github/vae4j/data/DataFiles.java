package io.github.vae4j.data;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * File helpers shared by the readers and writers: whole-file reads with one-line errors, gzip
 * detection by magic bytes, SHA-256 checksums, and atomic writes (temporary file, then rename).
 */
final class DataFiles {

  /** The largest array the JVM reliably allocates. */
  private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  private DataFiles() {
  }

  /** Something that writes a file's content to a stream. */
  @FunctionalInterface
  interface Content {
    /** Writes the content to {@code out}. */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * All bytes of {@code file}.
   *
   * @throws IllegalArgumentException when the file does not exist or is a folder
   * @throws UncheckedIOException on any other I/O failure, with the file in the message
   */
  static byte[] readAll(Path file) {
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException("expected a file, got the folder " + file);
    }
    try {
      long size = Files.size(file);
      if (size > MAX_ARRAY) {
        throw new IllegalArgumentException("file too large to read into memory (" + size
            + " bytes, at most " + MAX_ARRAY + "): " + file);
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no such file: " + file, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Whether {@code bytes} starts with the gzip magic number 1f 8b. */
  static boolean isGzip(byte[] bytes) {
    return bytes.length >= 2 && (bytes[0] & 0xFF) == 0x1F && (bytes[1] & 0xFF) == 0x8B;
  }

  /**
   * {@code raw} decompressed when it is a gzip stream (detected by magic bytes, not by the file
   * name), else {@code raw} itself.
   *
   * @throws DataFormatException when the gzip stream is truncated or corrupt
   */
  static byte[] gunzipIfNeeded(byte[] raw, Path file) {
    if (!isGzip(raw)) {
      return raw;
    }
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 1 << 16)) {
      // the trailer's last four bytes give the uncompressed size (mod 2^32, of the last member):
      // inflating straight into an array of that size saves readAllBytes' growing copies (a third
      // of MNIST's load time); when it is wrong, the rest is read and appended. A size more than
      // 64 times the compressed one is not trusted with an allocation (a corrupt trailer could ask
      // for gigabytes), and such streams are read the slower way.
      long expected = raw.length >= 18 ? Integer.toUnsignedLong(readIntLittleEndian(raw, raw.length - 4)) : 0;
      if (expected == 0 || expected > 64L * raw.length || expected > Integer.MAX_VALUE - 16) {
        return in.readAllBytes();
      }
      byte[] out = new byte[(int) expected];
      int n = in.readNBytes(out, 0, out.length);
      byte[] rest = in.readAllBytes();
      if (n == out.length && rest.length == 0) {
        return out;
      }
      byte[] all = Arrays.copyOf(out, n + rest.length);
      System.arraycopy(rest, 0, all, n, rest.length);
      return all;
    } catch (EOFException e) {
      throw new DataFormatException(file, "truncated gzip stream (" + e.getMessage() + ")", e);
    } catch (ZipException e) {
      throw new DataFormatException(file, "corrupt gzip stream (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new DataFormatException(file, "unreadable gzip stream (" + e.getMessage() + ")", e);
    }
  }

  private static int readIntLittleEndian(byte[] b, int at) {
    return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
  }

  /** The lower-case hex SHA-256 of the concatenation of {@code parts}. */
  static String sha256(byte[]... parts) {
    MessageDigest digest = digest("SHA-256");
    for (byte[] part : parts) {
      digest.update(part);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The lower-case hex SHA-256 of the little-endian float32 bytes of {@code values}. */
  static String sha256(float[] values) {
    MessageDigest digest = digest("SHA-256");
    ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    int perChunk = chunk.capacity() / Float.BYTES;
    for (int start = 0; start < values.length; start += perChunk) {
      int n = Math.min(perChunk, values.length - start);
      chunk.clear();
      chunk.asFloatBuffer().put(values, start, n);
      digest.update(chunk.array(), 0, n * Float.BYTES);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** A fresh digest for an algorithm every JDK has. */
  static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is missing from this JDK", e);
    }
  }

  /**
   * Writes {@code content} to {@code target} atomically: to a temporary file in the same folder,
   * then renamed over {@code target}, so a crash never leaves a half-written file behind.
   */
  static void writeAtomically(Path target, Content content) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path folder = absolute.getParent();
    Files.createDirectories(folder);
    Path temporary = Files.createTempFile(folder, "." + absolute.getFileName(), ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(temporary)) {
        content.writeTo(out);
      }
      moveIntoPlace(temporary, absolute);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** Renames {@code source} to {@code target}, atomically where the file system can. */
  static void moveIntoPlace(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
