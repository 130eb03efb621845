package io.github.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vae4j download} against a local HTTP server only. */
class DownloadCommandTest {

  private static Path sharedMnist() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("data").resolve("mnist");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** Serves files from {@code folder} on 127.0.0.1, or 404 for everything when folder is null. */
  private static HttpServer serve(Path folder) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      Path file = folder == null ? null : folder.resolve(Path.of(exchange.getRequestURI().getPath()).getFileName());
      if (file == null || !Files.isRegularFile(file)) {
        exchange.sendResponseHeaders(404, -1);
        exchange.close();
        return;
      }
      byte[] bytes = Files.readAllBytes(file);
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream body = exchange.getResponseBody()) {
        body.write(bytes);
      }
    });
    server.start();
    return server;
  }

  @Test
  void downloadsIntoTheCacheAndPrintsTheFolder(@TempDir Path cache) throws IOException {
    Path mnist = sharedMnist();
    assumeTrue(mnist != null, "shared/data/mnist not found: skipping the download test that serves it locally");
    HttpServer server = serve(mnist);
    try {
      String mirror = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
      Cli.Result result = Cli.ok("download", "mnist", "--cache", cache.toString(), "--mirror", mirror);
      Path folder = Path.of(result.out().strip());
      assertTrue(folder.startsWith(cache), result.out());
      assertArrayEquals(Files.readAllBytes(mnist.resolve("t10k-labels-idx1-ubyte.gz")),
          Files.readAllBytes(folder.resolve("t10k-labels-idx1-ubyte.gz")));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aMirrorWithoutTheFilesIsOneClearErrorAndLeavesNothing(@TempDir Path cache) throws IOException {
    HttpServer server = serve(null);
    try {
      String mirror = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
      String error = Cli.fails("download", "mnist", "--cache", cache.toString(), "--mirror", mirror);
      assertTrue(error.contains("404") || error.contains("mirror"), error);
      try (var files = Files.walk(cache)) {
        assertEquals(0, files.filter(Files::isRegularFile).count());
      }
    } finally {
      server.stop(0);
    }
  }

  @Test
  void anUnknownDatasetIsRejected() {
    String error = Cli.fails("download", "cifar");
    assertTrue(error.contains("mnist or fashion-mnist"), error);
  }
}
