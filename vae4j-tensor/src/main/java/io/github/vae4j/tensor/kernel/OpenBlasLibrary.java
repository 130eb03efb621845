package io.github.vae4j.tensor.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenBLAS shared library shipped in the {@code org.bytedeco:openblas:<version>:<platform>}
 * jar: finds it on the class path, extracts it with the GCC runtime libraries it links against to
 * a per-user cache folder, and loads them in dependency order for the process's lifetime.
 *
 * <p>Cache folder: {@code $XDG_CACHE_HOME/vae4j/native/<platform>-<version>/}, else
 * {@code ~/.cache/vae4j/native/<platform>-<version>/}; a fresh temporary folder when that cannot be
 * written. Files are written to a temporary name and renamed, so concurrent JVMs and crashes never
 * leave a half-written library, and reused when their size matches the jar entry's.
 *
 * <p>Only the native files are used; JavaCPP, which normally loads them, is not needed.
 */
final class OpenBlasLibrary {

  private static final Logger LOG = LoggerFactory.getLogger(OpenBlasLibrary.class);
  private static final String RESOURCE_ROOT = "/org/bytedeco/openblas/";
  private static final String POM_PROPERTIES =
      "/META-INF/maven/org.bytedeco/openblas/pom.properties";

  /**
   * The file names for one platform.
   *
   * @param dependencies runtime libraries, in load order (a library after the ones it needs);
   *     those missing from the jar are skipped
   * @param library the OpenBLAS library itself
   */
  record Layout(String platform, List<String> dependencies, String library) {
  }

  /** A loaded library: its symbols and the folder it was loaded from. */
  record Loaded(SymbolLookup symbols, Path folder, String version) {
  }

  private OpenBlasLibrary() {
  }

  /** The JavaCPP platform name of this JVM, such as linux-x86_64, linux-arm64 or macosx-arm64. */
  static String platform() {
    return platform(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
  }

  static String platform(String osName, String osArch) {
    String os = osName.toLowerCase(Locale.ROOT);
    String family;
    if (os.startsWith("linux")) {
      family = "linux";
    } else if (os.startsWith("mac") || os.startsWith("darwin")) {
      family = "macosx";
    } else if (os.startsWith("windows")) {
      family = "windows";
    } else {
      family = os.replaceAll("[^a-z0-9]", "");
    }
    String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
      case "amd64", "x86_64", "x86-64" -> "x86_64";
      case "aarch64", "arm64" -> "arm64";
      case "x86", "i386", "i486", "i586", "i686" -> "x86";
      case "ppc64le" -> "ppc64le";
      case "riscv64" -> "riscv64";
      default -> osArch.toLowerCase(Locale.ROOT);
    };
    return family + "-" + arch;
  }

  /** The names the bytedeco jar uses on a platform; unknown ones get the Linux names. */
  static Layout layout(String platform) {
    if (platform.startsWith("macosx-")) {
      return new Layout(platform,
          List.of("libgcc_s.1.dylib", "libquadmath.0.dylib", "libgfortran.5.dylib"),
          "libopenblas.0.dylib");
    }
    if (platform.startsWith("windows-")) {
      return new Layout(platform,
          List.of("libwinpthread-1.dll", "libgcc_s_seh-1.dll", "libquadmath-0.dll",
              "libgfortran-5.dll"),
          "libopenblas.dll");
    }
    // Linux: libopenblas.so.0 -> libgfortran.so.5 -> libquadmath.so.0 (x86 only), libgcc_s.so.1
    return new Layout(platform,
        List.of("libgcc_s.so.1", "libquadmath.so.0", "libgfortran.so.5"), "libopenblas.so.0");
  }

  /**
   * Extracts and loads OpenBLAS for this platform.
   *
   * @throws IllegalStateException when the jar for this platform is not on the class path
   * @throws UncheckedIOException when the files cannot be extracted
   * @throws IllegalArgumentException when the native loader rejects the library
   */
  // Loading native libraries is restricted; the caller is the FFM backend that needs them.
  @SuppressWarnings("restricted")
  static Loaded load() {
    Layout layout = layout(platform());
    String prefix = RESOURCE_ROOT + layout.platform() + "/";
    URL library = OpenBlasLibrary.class.getResource(prefix + layout.library());
    if (library == null) {
      throw new IllegalStateException("no OpenBLAS for platform " + layout.platform()
          + " on the class path: expected " + prefix.substring(1) + layout.library()
          + " from org.bytedeco:openblas:<version>:" + layout.platform());
    }
    String version = version(library);
    Path folder;
    try {
      folder = extractToCache(layout, prefix, version);
    } catch (IOException cacheFailure) {
      LOG.debug("Cannot use the native cache folder, extracting to a temporary folder instead",
          cacheFailure);
      try {
        folder = Files.createTempDirectory("vae4j-native-");
        folder.toFile().deleteOnExit();
        extractAll(layout, prefix, folder, true);
      } catch (IOException tempFailure) {
        tempFailure.addSuppressed(cacheFailure);
        throw new UncheckedIOException("cannot extract OpenBLAS " + version + " for "
            + layout.platform(), tempFailure);
      }
    }
    Arena arena = Arena.global();
    for (String dependency : layout.dependencies()) {
      Path file = folder.resolve(dependency);
      if (!Files.isRegularFile(file)) {
        continue;
      }
      try {
        SymbolLookup.libraryLookup(file, arena);
      } catch (IllegalArgumentException e) {
        // the system's copy may still satisfy OpenBLAS; loading it below says if not
        LOG.debug("Could not preload {}: {}", file, e.getMessage());
      }
    }
    SymbolLookup symbols = SymbolLookup.libraryLookup(folder.resolve(layout.library()), arena);
    return new Loaded(symbols, folder, version);
  }

  private static Path extractToCache(Layout layout, String prefix, String version)
      throws IOException {
    Path folder = cacheRoot().resolve(layout.platform() + "-" + version);
    Files.createDirectories(folder);
    extractAll(layout, prefix, folder, false);
    return folder;
  }

  /** {@code $XDG_CACHE_HOME/vae4j/native} when that is an absolute path, else under ~/.cache. */
  private static Path cacheRoot() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
        ? Path.of(xdg)
        : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("vae4j").resolve("native");
  }

  private static void extractAll(Layout layout, String prefix, Path folder, boolean temporary)
      throws IOException {
    for (String dependency : layout.dependencies()) {
      URL url = OpenBlasLibrary.class.getResource(prefix + dependency);
      if (url != null) {
        extract(url, folder.resolve(dependency), temporary);
      }
    }
    extract(OpenBlasLibrary.class.getResource(prefix + layout.library()),
        folder.resolve(layout.library()), temporary);
  }

  /** Copies one jar entry to target atomically, unless a file of the same size is there. */
  private static void extract(URL url, Path target, boolean temporary) throws IOException {
    URLConnection connection = url.openConnection();
    long size = connection.getContentLengthLong();
    if (size >= 0 && Files.isRegularFile(target) && Files.size(target) == size) {
      LOG.debug("Reusing {}", target);
      return;
    }
    Path partial = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".part");
    try {
      try (InputStream in = connection.getInputStream()) {
        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      }
      try {
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(partial);
    }
    if (temporary) {
      target.toFile().deleteOnExit();
    }
    LOG.debug("Extracted {}", target);
  }

  /**
   * The artifact version from the jar's Maven metadata; when that is missing, the library's size,
   * so that different builds still get different cache folders.
   */
  private static String version(URL library) {
    try (InputStream in = OpenBlasLibrary.class.getResourceAsStream(POM_PROPERTIES)) {
      if (in != null) {
        Properties properties = new Properties();
        properties.load(in);
        String version = properties.getProperty("version");
        if (version != null && version.matches("[A-Za-z0-9._-]+")) {
          return version;
        }
      }
      return "size" + library.openConnection().getContentLengthLong();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the OpenBLAS version from " + library, e);
    }
  }
}
