package io.github.vae4j.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OpenBlasLibraryTest {

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
      "Linux, amd64, linux-x86_64",
      "Linux, aarch64, linux-arm64",
      "Linux, ppc64le, linux-ppc64le",
      "Mac OS X, x86_64, macosx-x86_64",
      "Mac OS X, aarch64, macosx-arm64",
      "Windows 11, amd64, windows-x86_64",
      "FreeBSD, amd64, freebsd-x86_64"})
  void namesPlatformsLikeJavaCpp(String osName, String osArch, String platform) {
    assertEquals(platform, OpenBlasLibrary.platform(osName, osArch));
  }

  @Test
  void linuxLoadsGccRuntimeBeforeOpenBlas() {
    OpenBlasLibrary.Layout layout = OpenBlasLibrary.layout("linux-x86_64");
    assertEquals(List.of("libgcc_s.so.1", "libquadmath.so.0", "libgfortran.so.5"),
        layout.dependencies());
    assertEquals("libopenblas.so.0", layout.library());
    assertEquals("libopenblas.0.dylib", OpenBlasLibrary.layout("macosx-arm64").library());
    assertEquals("libopenblas.dll", OpenBlasLibrary.layout("windows-x86_64").library());
    assertEquals("libopenblas.so.0", OpenBlasLibrary.layout("freebsd-x86_64").library());
  }
}
