package io.github.vae4j.cli;

import io.github.vae4j.run.Vae4j;
import picocli.CommandLine;

/** Reports the vae4j version, the Java runtime and the matrix-product backend. */
final class Version implements CommandLine.IVersionProvider {


  @Override
  public String[] getVersion() {
    return new String[] {
        "vae4j " + Vae4j.version(),
        "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
    };
  }
}
