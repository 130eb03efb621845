package io.github.vae4j.data;

import java.util.Locale;
import java.util.Objects;

/**
 * One file of a {@link RemoteDataset}: its name on the mirrors and in the cache, and the MD5 its
 * publisher lists for it.
 *
 * @param name the file name, for example {@code "train-images-idx3-ubyte.gz"}; no folders
 * @param md5 the published MD5 checksum, 32 hex digits
 */
public record RemoteFile(String name, String md5) {

  /** Validates the name (a plain file name) and the checksum (32 hex digits, kept lower case). */
  public RemoteFile {
    Objects.requireNonNull(name, "name must not be null");
    Objects.requireNonNull(md5, "md5 must not be null");
    if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
      throw new IllegalArgumentException("name must be a plain file name, got \"" + name + "\"");
    }
    md5 = md5.toLowerCase(Locale.ROOT);
    if (!md5.matches("[0-9a-f]{32}")) {
      throw new IllegalArgumentException("md5 must be 32 hex digits, got \"" + md5 + "\"");
    }
  }
}
