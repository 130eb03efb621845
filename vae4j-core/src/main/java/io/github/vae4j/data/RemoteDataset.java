package io.github.vae4j.data;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * A dataset that {@link Downloader} can fetch: a cache folder name, the mirrors to try in order,
 * and the files with their published MD5 checksums.
 *
 * @param name the cache folder name, for example {@code "mnist"}
 * @param mirrors base URLs, tried in order; each file is fetched from base URL + file name
 * @param files the files to fetch
 */
public record RemoteDataset(String name, List<URI> mirrors, List<RemoteFile> files) {

  /** Validates the name and that there is at least one mirror and one file. */
  public RemoteDataset {
    Objects.requireNonNull(name, "name must not be null");
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw new IllegalArgumentException("name must be a plain folder name, got \"" + name + "\"");
    }
    mirrors = List.copyOf(mirrors).stream().map(RemoteDataset::asFolder).toList();
    files = List.copyOf(files);
    if (mirrors.isEmpty()) {
      throw new IllegalArgumentException("at least one mirror is needed for " + name
          + ", got none");
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("at least one file is needed for " + name + ", got none");
    }
  }

  /**
   * MNIST from the mirrors torchvision uses, with the MD5s published by LeCun et al. (checked
   * against the copies in shared/data).
   */
  public static RemoteDataset mnist() {
    return new RemoteDataset("mnist", List.of(
        URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
        URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/")), List.of(
        new RemoteFile("train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873"),
        new RemoteFile("train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432"),
        new RemoteFile("t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3"),
        new RemoteFile("t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c")));
  }

  /** Fashion-MNIST from Zalando's bucket, with the MD5s published in its README. */
  public static RemoteDataset fashionMnist() {
    return new RemoteDataset("fashion-mnist", List.of(
        URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/")), List.of(
        new RemoteFile("train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
        new RemoteFile("train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe"),
        new RemoteFile("t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79"),
        new RemoteFile("t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310")));
  }

  /** This dataset fetched from {@code mirrors} instead, for a local copy or a test server. */
  public RemoteDataset withMirrors(List<URI> mirrors) {
    return new RemoteDataset(name, mirrors, files);
  }

  /** The base URL with a trailing slash, so that resolving a file name appends it. */
  private static URI asFolder(URI mirror) {
    Objects.requireNonNull(mirror, "mirrors must not contain null");
    String text = mirror.toString();
    return text.endsWith("/") ? mirror : URI.create(text + "/");
  }
}
