package io.github.vae4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a {@link RemoteDataset} (MNIST, Fashion-MNIST) into a cache folder, verifying every
 * file against its published MD5.
 *
 * <p>For each file: one already in the cache with the right checksum is kept; otherwise the
 * mirrors are tried in order, each download streams to a {@code .part} file in the cache folder,
 * is verified, and only then renamed into place, so the cache never holds a partial or wrong
 * file. When every mirror fails (HTTP error, network error, wrong checksum) the one exception
 * names the file and what each mirror did.
 *
 * <p>The cache is {@code <cacheRoot>/<dataset name>/}, by default under
 * {@code ~/.cache/vae4j/datasets}. Not thread-safe across instances fetching the same folder.
 */
public final class Downloader implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Downloader.class);

  private final Path cacheRoot;
  private final List<URI> mirrors;
  private final Duration timeout;
  private final HttpClient client;

  /** A downloader into {@link #defaultCacheRoot()} from each dataset's published mirrors. */
  public Downloader() {
    this(defaultCacheRoot(), List.of(), Duration.ofMinutes(5));
  }

  /**
   * A downloader into {@code cacheRoot}.
   *
   * @param cacheRoot the folder holding one sub-folder per dataset
   * @param mirrors base URLs to use instead of each dataset's own; empty to use the dataset's
   * @param timeout the longest a connection or one whole file may take
   */
  public Downloader(Path cacheRoot, List<URI> mirrors, Duration timeout) {
    this.cacheRoot = Objects.requireNonNull(cacheRoot, "cacheRoot must not be null");
    this.mirrors = List.copyOf(mirrors);
    this.timeout = Objects.requireNonNull(timeout, "timeout must not be null");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    this.client = HttpClient.newBuilder()
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  /** {@code ~/.cache/vae4j/datasets}. */
  public static Path defaultCacheRoot() {
    return Path.of(System.getProperty("user.home"), ".cache", "vae4j", "datasets");
  }

  /**
   * Makes sure every file of {@code dataset} is in the cache with its published checksum.
   *
   * @return the dataset's cache folder, ready for {@link Mnist#load}
   * @throws UncheckedIOException when a file cannot be fetched from any mirror with the right
   *     checksum, or the cache cannot be written; the message names the file and each failure
   */
  public Path fetch(RemoteDataset dataset) {
    RemoteDataset source = mirrors.isEmpty() ? dataset : dataset.withMirrors(mirrors);
    Path folder = cacheRoot.resolve(dataset.name());
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the cache folder " + folder + ": "
          + e.getMessage(), e);
    }
    for (RemoteFile file : source.files()) {
      fetch(source, file, folder);
    }
    return folder;
  }

  private void fetch(RemoteDataset dataset, RemoteFile file, Path folder) {
    Path target = folder.resolve(file.name());
    if (Files.isRegularFile(target)) {
      String present = md5(target);
      if (present.equals(file.md5())) {
        LOG.debug("{} is already in the cache with the right checksum", target);
        return;
      }
      LOG.warn("{} in the cache has md5 {}, expected {}: downloading it again", target, present,
          file.md5());
    }
    List<String> failures = new ArrayList<>();
    for (URI mirror : dataset.mirrors()) {
      URI url = mirror.resolve(file.name());
      try {
        String failure = download(url, file, target);
        if (failure == null) {
          return;
        }
        failures.add(url + ": " + failure);
      } catch (IOException e) {
        failures.add(url + ": " + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : " " + e.getMessage()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UncheckedIOException("interrupted while downloading " + url,
            new InterruptedIOException(e.getMessage()));
      }
    }
    String message = "cannot download " + dataset.name() + "/" + file.name() + " from any mirror: "
        + String.join("; ", failures);
    throw new UncheckedIOException(message, new IOException(message));
  }

  /**
   * Downloads {@code url} into a {@code .part} file, verifies it, and renames it to
   * {@code target}.
   *
   * @return null on success, else why this mirror failed
   */
  private String download(URI url, RemoteFile file, Path target)
      throws IOException, InterruptedException {
    LOG.info("downloading {}", url);
    HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
    HttpResponse<InputStream> response = client.send(request,
        HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        return "HTTP " + response.statusCode();
      }
      Path part = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".part");
      try {
        MessageDigest digest = DataFiles.digest("MD5");
        Files.copy(new DigestInputStream(body, digest), part, StandardCopyOption.REPLACE_EXISTING);
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(file.md5())) {
          return "checksum mismatch: expected md5 " + file.md5() + ", got " + actual + " ("
              + Files.size(part) + " bytes)";
        }
        DataFiles.moveIntoPlace(part, target);
        LOG.info("saved {} ({} bytes, md5 verified)", target, Files.size(target));
        return null;
      } finally {
        Files.deleteIfExists(part);
      }
    }
  }

  private static String md5(Path file) {
    MessageDigest digest = DataFiles.digest("MD5");
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Releases the HTTP client. */
  @Override
  public void close() {
    client.close();
  }
}
