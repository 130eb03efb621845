package io.github.vae4j.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * A data spec as the CLI takes it, such as {@code mnist:data/mnist} or {@code sprites:5000},
 * parsed and ready to load.
 *
 * <p>Forms: {@code mnist:DIR}, {@code fashion-mnist:DIR}, {@code frey:FILE}, {@code csv:FILE},
 * {@code npy:FILE}, {@code images:DIR}, {@code sprites}, {@code sprites:COUNT} and
 * {@code sprites:COUNT:SEED}. MNIST and Fashion-MNIST have a published test split; every other
 * source is one whole set that the caller splits. An {@code images:DIR} folder with no images
 * directly in it but with sub-folders is read with labels from the sub-folder names.
 *
 * @param kind the scheme
 * @param path the folder or file; {@code null} for sprites
 * @param count the number of sprites to generate; 0 for the other kinds
 * @param seed the seed of the sprites generator; 0 for the other kinds
 */
public record DataSource(Kind kind, Path path, int count, long seed) {

  /** The valid forms, for error messages and help text. */
  public static final String FORMS = "mnist:DIR, fashion-mnist:DIR, frey:FILE, csv:FILE, "
      + "npy:FILE, images:DIR, sprites, sprites:COUNT, sprites:COUNT:SEED";

  /** Number of sprites when the spec gives none. */
  public static final int DEFAULT_SPRITES = 20_000;

  /** The kinds of data source, by scheme. */
  public enum Kind {
    /** MNIST digits in a folder of IDX files. */
    MNIST("mnist", true, true),
    /** Fashion-MNIST articles in a folder of IDX files. */
    FASHION_MNIST("fashion-mnist", true, true),
    /** Frey Face {@code frey_rawface.mat}. */
    FREY("frey", false, false),
    /** A numeric CSV file. */
    CSV("csv", false, false),
    /** A NumPy .npy file. */
    NPY("npy", false, false),
    /** A folder of images. */
    IMAGES("images", true, false),
    /** The built-in sprites generator. */
    SPRITES("sprites", false, false);

    private final String scheme;
    private final boolean folder;
    private final boolean testSplit;

    Kind(String scheme, boolean folder, boolean testSplit) {
      this.scheme = scheme;
      this.folder = folder;
      this.testSplit = testSplit;
    }

    /** The scheme as written in a spec, for example {@code "fashion-mnist"}. */
    public String scheme() {
      return scheme;
    }
  }

  /** Validates that sprites have a count and no path, and every other kind a path. */
  public DataSource {
    Objects.requireNonNull(kind, "kind must not be null");
    if (kind == Kind.SPRITES) {
      if (path != null || count < 1) {
        throw new IllegalArgumentException("sprites take a count >= 1 and no path, got count "
            + count + " and path " + path);
      }
    } else if (path == null || count != 0 || seed != 0) {
      throw new IllegalArgumentException(kind.scheme + " takes a path and no count or seed, got "
          + "path " + path + ", count " + count + ", seed " + seed);
    }
  }

  /**
   * Parses a spec and checks that its file or folder exists.
   *
   * @throws IllegalArgumentException for an unknown scheme, a missing or absent path, or a bad
   *     count, with the valid forms in the message
   */
  public static DataSource parse(String spec) {
    Objects.requireNonNull(spec, "spec must not be null");
    String trimmed = spec.strip();
    int colon = trimmed.indexOf(':');
    String scheme = (colon < 0 ? trimmed : trimmed.substring(0, colon)).toLowerCase(Locale.ROOT);
    String rest = colon < 0 ? "" : trimmed.substring(colon + 1);
    Kind kind = Stream.of(Kind.values()).filter(k -> k.scheme.equals(scheme)).findFirst()
        .orElseThrow(() -> bad(spec, "unknown data source \"" + scheme + "\""));
    if (kind == Kind.SPRITES) {
      return sprites(spec, rest, colon >= 0);
    }
    if (rest.isBlank()) {
      throw bad(spec, kind.scheme + " needs a " + (kind.folder ? "folder" : "file"));
    }
    Path path = Path.of(rest);
    if (kind.folder ? !Files.isDirectory(path) : !Files.isRegularFile(path)) {
      throw bad(spec, "no such " + (kind.folder ? "folder" : "file") + ": " + path);
    }
    return new DataSource(kind, path, 0, 0);
  }

  private static DataSource sprites(String spec, String rest, boolean hasColon) {
    if (!hasColon) {
      return new DataSource(Kind.SPRITES, null, DEFAULT_SPRITES, 0);
    }
    String[] parts = rest.split(":", -1);
    if (parts.length > 2) {
      throw bad(spec, "sprites takes at most a count and a seed");
    }
    int count;
    long seed = 0;
    try {
      count = Integer.parseInt(parts[0].strip());
      if (parts.length == 2) {
        seed = Long.parseLong(parts[1].strip());
      }
    } catch (NumberFormatException e) {
      throw bad(spec, "sprites count and seed must be integers");
    }
    if (count < 1) {
      throw bad(spec, "sprites count must be >= 1, got " + count);
    }
    return new DataSource(Kind.SPRITES, null, count, seed);
  }

  private static IllegalArgumentException bad(String spec, String problem) {
    return new IllegalArgumentException("bad data spec \"" + spec + "\": " + problem
        + " (valid forms: " + FORMS + ")");
  }

  /** Whether the source has a published test split ({@link #test()} is present). */
  public boolean hasTestSplit() {
    return kind.testSplit;
  }

  /** The training split for MNIST and Fashion-MNIST, else the whole set. */
  public Dataset train() {
    return switch (kind) {
      case MNIST -> Mnist.load(path, Split.TRAIN);
      case FASHION_MNIST -> Mnist.loadFashion(path, Split.TRAIN);
      case FREY -> Frey.load(path);
      case CSV -> CsvReader.read(path);
      case NPY -> NpyReader.read(path);
      case IMAGES -> ImageFolderReader.read(path,
          ImageFolderOptions.defaults().withLabelsFromFolders(hasClassFolders(path)));
      case SPRITES -> Sprites.generate(count, new SplittableRandom(seed));
    };
  }

  /** The published test split, where there is one. */
  public Optional<Dataset> test() {
    return switch (kind) {
      case MNIST -> Optional.of(Mnist.load(path, Split.TEST));
      case FASHION_MNIST -> Optional.of(Mnist.loadFashion(path, Split.TEST));
      default -> Optional.empty();
    };
  }

  /** The spec this source parses from. */
  public String spec() {
    if (kind == Kind.SPRITES) {
      return "sprites:" + count + (seed == 0 ? "" : ":" + seed);
    }
    return kind.scheme + ":" + path;
  }

  /** True when {@code folder} holds sub-folders and no images directly. */
  private static boolean hasClassFolders(Path folder) {
    try (Stream<Path> entries = Files.list(folder)) {
      List<Path> visible = entries.filter(p -> !p.getFileName().toString().startsWith("."))
          .toList();
      return visible.stream().anyMatch(Files::isDirectory)
          && visible.stream().noneMatch(ImageFolderReader::isImage);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return spec();
  }
}
