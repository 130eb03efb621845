package io.github.vae4j.cli;

import picocli.CommandLine;

/** Reports the vae4j version, the Java runtime and the matrix-product backend. */
final class Version implements CommandLine.IVersionProvider {

  /** The version from the jar manifest, or "development" when run from classes. */
  static String number() {
    String version = Main.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }

  @Override
  public String[] getVersion() {
    return new String[] {
        "vae4j " + number(),
        "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
    };
  }
}
