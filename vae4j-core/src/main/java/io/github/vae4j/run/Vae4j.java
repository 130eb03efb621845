package io.github.vae4j.run;

import io.github.vae4j.tensor.kernel.Gemms;
import io.github.vae4j.tensor.kernel.Simd;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What this build of vae4j is and runs on: its version and its compute backends. */
public final class Vae4j {

  private static final String VERSION = readVersion();

  private Vae4j() {
  }

  /** The project version this build was made from, such as "0.1.0-SNAPSHOT". */
  public static String version() {
    return VERSION;
  }

  /**
   * The matrix-product and elementwise backends, such as "openblas+vector-api": a model trains to
   * the same bits on the same ones.
   */
  public static String backend() {
    return Gemms.get().name() + "+" + Simd.name();
  }

  private static String readVersion() {
    try (InputStream in = Vae4j.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IllegalStateException("version.properties is missing from vae4j-core");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
