package io.github.vae4j.cli;

import picocli.CommandLine;

/** Reports the vae4j version, the Java runtime and the matrix-product backend. */
final class Version implements CommandLine.IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {
        "vae4j " + (version == null ? "development build" : version),
        "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
    };
  }
}
