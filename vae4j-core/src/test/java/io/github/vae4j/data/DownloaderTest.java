package io.github.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the downloader against a local HTTP server on 127.0.0.1; nothing else is contacted. */
class DownloaderTest {

  private static final byte[] ONE = "first file".getBytes(StandardCharsets.UTF_8);
  private static final byte[] TWO = IdxFiles.gzip(IdxFiles.labels(100));

  @TempDir
  Path cache;

  private HttpServer server;
  /** Files served under /good/ and /bad/, by name. */
  private final Map<String, byte[]> good = new ConcurrentHashMap<>();
  private final Map<String, byte[]> bad = new ConcurrentHashMap<>();
  /** Every path requested, in order. */
  private final List<String> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      requests.add(path);
      String name = path.substring(path.lastIndexOf('/') + 1);
      byte[] body = path.startsWith("/good/") ? good.get(name)
          : path.startsWith("/bad/") ? bad.get(name) : null;
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
      } else {
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
      exchange.close();
    });
    server.start();
    good.put("one.txt", ONE);
    good.put("two.gz", TWO);
    bad.put("one.txt", "tampered".getBytes(StandardCharsets.UTF_8));
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private URI mirror(String folder) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + folder + "/");
  }

  private static String md5(byte[] bytes) {
    return HexFormat.of().formatHex(DataFiles.digest("MD5").digest(bytes));
  }

  private static RemoteDataset dataset(URI... mirrors) {
    return new RemoteDataset("tiny", List.of(mirrors), List.of(
        new RemoteFile("one.txt", md5(ONE)), new RemoteFile("two.gz", md5(TWO))));
  }

  private Downloader downloader() {
    return new Downloader(cache, List.of(), Duration.ofSeconds(10));
  }

  private List<String> cacheEntries(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void fallsBackToTheNextMirrorAfterA404() throws IOException {
    try (Downloader downloader = downloader()) {
      Path folder = downloader.fetch(dataset(mirror("missing"), mirror("good")));
      assertEquals(cache.resolve("tiny"), folder);
      assertArrayEquals(ONE, Files.readAllBytes(folder.resolve("one.txt")));
      assertArrayEquals(TWO, Files.readAllBytes(folder.resolve("two.gz")));
      assertEquals(List.of("one.txt", "two.gz"), cacheEntries(folder), "no .part file is left");
    }
    assertEquals(List.of("/missing/one.txt", "/good/one.txt", "/missing/two.gz", "/good/two.gz"),
        requests);
  }

  @Test
  void skipsFilesAlreadyCachedWithTheRightChecksum() throws IOException {
    try (Downloader downloader = downloader()) {
      downloader.fetch(dataset(mirror("good")));
      requests.clear();
      Files.write(cache.resolve("tiny").resolve("two.gz"), new byte[] {1, 2, 3});
      downloader.fetch(dataset(mirror("good")));
    }
    assertEquals(List.of("/good/two.gz"), requests, "only the damaged file is fetched again");
    assertArrayEquals(TWO, Files.readAllBytes(cache.resolve("tiny").resolve("two.gz")));
  }

  @Test
  void aWrongChecksumEverywhereIsOneErrorAndKeepsNothing() throws IOException {
    try (Downloader downloader = downloader()) {
      UncheckedIOException e = assertThrows(UncheckedIOException.class,
          () -> downloader.fetch(dataset(mirror("bad"))));
      assertEquals("cannot download tiny/one.txt from any mirror: " + mirror("bad")
          + "one.txt: checksum mismatch: expected md5 " + md5(ONE) + ", got "
          + md5("tampered".getBytes(StandardCharsets.UTF_8)) + " (8 bytes)", e.getMessage());
    }
    assertEquals(List.of(), cacheEntries(cache.resolve("tiny")));
  }

  @Test
  void aBadMirrorIsSkippedForAGoodOne() throws IOException {
    try (Downloader downloader = downloader()) {
      downloader.fetch(dataset(mirror("bad"), mirror("good")));
    }
    assertArrayEquals(ONE, Files.readAllBytes(cache.resolve("tiny").resolve("one.txt")));
  }

  @Test
  void whenEveryMirrorFailsTheErrorSaysWhatEachDid() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    URI refused = URI.create("http://127.0.0.1:" + closedPort + "/data/");
    try (Downloader downloader = downloader()) {
      UncheckedIOException e = assertThrows(UncheckedIOException.class,
          () -> downloader.fetch(dataset(mirror("missing"), refused)));
      String message = e.getMessage();
      assertTrue(message.startsWith("cannot download tiny/one.txt from any mirror: "
          + mirror("missing") + "one.txt: HTTP 404; " + refused + "one.txt: "), message);
      assertEquals(1, message.lines().count());
    }
    assertEquals(List.of(), cacheEntries(cache.resolve("tiny")));
  }

  @Test
  void mirrorsCanBeOverriddenForThePublishedDatasets() {
    try (Downloader downloader = new Downloader(cache, List.of(mirror("missing")),
        Duration.ofSeconds(10))) {
      UncheckedIOException e = assertThrows(UncheckedIOException.class,
          () -> downloader.fetch(RemoteDataset.mnist()));
      assertEquals("cannot download mnist/train-images-idx3-ubyte.gz from any mirror: "
          + mirror("missing") + "train-images-idx3-ubyte.gz: HTTP 404", e.getMessage());
    }
    assertEquals(List.of("/missing/train-images-idx3-ubyte.gz"), requests);
  }

  @Test
  void publishedDatasetsMatchTheReadme() {
    RemoteDataset mnist = RemoteDataset.mnist();
    assertEquals(URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
        mnist.mirrors().getFirst());
    assertEquals(2, mnist.mirrors().size());
    assertEquals("f68b3c2dcbeaaa9fbdd348bbdeb94873", mnist.files().getFirst().md5());
    RemoteDataset fashion = RemoteDataset.fashionMnist();
    assertEquals("fashion-mnist", fashion.name());
    assertEquals(List.of("8d4fb7e6c68d591d4c3dfef9ec88bf0d", "25c81989df183df01b3e8a0aad5dffbe",
        "bef4ecab320f06d8554ea6380940ec79", "bb300cfdad3c16e7a12a480ee83cd310"),
        fashion.files().stream().map(RemoteFile::md5).toList());
    assertTrue(Downloader.defaultCacheRoot().endsWith(Path.of(".cache", "vae4j", "datasets")));
  }

  @Test
  void publishedChecksumsMatchTheSharedCopies() throws IOException {
    Path mnist = SharedData.require("mnist");
    for (RemoteFile file : RemoteDataset.mnist().files()) {
      assertEquals(file.md5(), md5(Files.readAllBytes(mnist.resolve(file.name()))), file.name());
    }
  }

  @Test
  void descriptionsValidate() {
    assertEquals("md5 must be 32 hex digits, got \"abc\"", assertThrows(
        IllegalArgumentException.class, () -> new RemoteFile("a", "abc")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> new RemoteFile("../a", md5(ONE)));
    assertThrows(IllegalArgumentException.class, () -> new RemoteDataset("x", List.of(),
        List.of(new RemoteFile("a", md5(ONE)))));
    assertThrows(IllegalArgumentException.class, () -> new RemoteDataset("../x",
        List.of(mirror("good")), List.of(new RemoteFile("a", md5(ONE)))));
    RemoteDataset noSlash = new RemoteDataset("x", List.of(URI.create("http://h/p")),
        List.of(new RemoteFile("a", md5(ONE))));
    assertEquals(URI.create("http://h/p/"), noSlash.mirrors().getFirst());
    assertFalse(new RemoteFile("A", md5(ONE).toUpperCase(Locale.ROOT)).md5()
        .chars().anyMatch(Character::isUpperCase));
  }
}
