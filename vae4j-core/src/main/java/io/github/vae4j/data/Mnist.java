package io.github.vae4j.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads MNIST and Fashion-MNIST from a folder of their IDX files, which share one layout and one
 * set of file names.
 *
 * <p>Files, per split, gzipped or not: {@code train-images-idx3-ubyte} and
 * {@code train-labels-idx1-ubyte} (TRAIN), {@code t10k-images-idx3-ubyte} and
 * {@code t10k-labels-idx1-ubyte} (TEST); the older names {@code train-images.idx3-ubyte} etc. are
 * accepted too. Each split loads as [count, 1, 28, 28] in [0, 1] with labels 0-9 (60000 train and
 * 10000 test examples for both datasets).
 *
 * <p>LeCun et al., Gradient-based learning applied to document recognition, 1998; Xiao, Rasul and
 * Vollgraf, Fashion-MNIST, arXiv:1708.07747.
 */
public final class Mnist {

  /** The digit classes of MNIST, "0" to "9". */
  public static final List<String> DIGITS =
      List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

  /** The article classes of Fashion-MNIST, by label. */
  public static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover",
      "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

  private Mnist() {
  }

  /** Loads one split of MNIST from {@code folder}. */
  public static Dataset load(Path folder, Split split) {
    return load(folder, split, "mnist", DIGITS);
  }

  /** Loads one split of Fashion-MNIST from {@code folder}. */
  public static Dataset loadFashion(Path folder, Split split) {
    return load(folder, split, "fashion-mnist", FASHION_CLASSES);
  }

  private static Dataset load(Path folder, Split split, String name, List<String> classes) {
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException("no such folder for " + name + ": " + folder);
    }
    String prefix = split == Split.TRAIN ? "train" : "t10k";
    Path images = find(folder, prefix, "images", "idx3", name);
    Path labels = find(folder, prefix, "labels", "idx1", name);
    return IdxReader.read(images, labels, name + " " + split.label() + " (" + folder + ")")
        .withClassNames(classes);
  }

  /** The first of the accepted spellings of one file that exists in {@code folder}. */
  static Path find(Path folder, String prefix, String kind, String idx, String name) {
    List<String> candidates = fileNames(prefix, kind, idx);
    for (String candidate : candidates) {
      Path path = folder.resolve(candidate);
      if (Files.isRegularFile(path)) {
        return path;
      }
    }
    throw new IllegalArgumentException("no " + name + " " + prefix + " " + kind + " file in "
        + folder + ": looked for " + String.join(", ", candidates));
  }

  /** The accepted names of one file, most common first. */
  static List<String> fileNames(String prefix, String kind, String idx) {
    List<String> names = new ArrayList<>();
    for (String stem : List.of(prefix + "-" + kind + "-" + idx + "-ubyte",
        prefix + "-" + kind + "." + idx + "-ubyte")) {
      names.add(stem + ".gz");
      names.add(stem);
    }
    return names;
  }
}
