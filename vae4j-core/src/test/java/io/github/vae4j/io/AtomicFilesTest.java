package io.github.vae4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @TempDir
  Path folder;

  @Test
  void writesANewFile() throws IOException {
    Path target = folder.resolve("a.txt");
    AtomicFiles.writeString(target, "hello \u00e9");
    assertEquals("hello \u00e9", Files.readString(target));
    assertEquals(List.of("a.txt"), names());
  }

  @Test
  void replacesAnExistingFile() throws IOException {
    Path target = folder.resolve("a.txt");
    AtomicFiles.writeString(target, "a much longer first version");
    AtomicFiles.writeString(target, "second");
    assertEquals("second", Files.readString(target));
    assertEquals(List.of("a.txt"), names());
  }

  @Test
  void createsMissingParentFolders() throws IOException {
    Path target = folder.resolve("run/1/metrics.json");
    AtomicFiles.writeBytes(target, new byte[] {1, 2, 3});
    assertEquals(3, Files.size(target));
  }

  @Test
  void aWriterMayCloseTheStream() throws IOException {
    Path target = folder.resolve("closed.bin");
    AtomicFiles.write(target, out -> {
      out.write(new byte[] {4, 5});
      out.close();
    });
    assertEquals(2, Files.size(target));
  }

  @Test
  void aFailingWriterLeavesThePreviousFileAndNoTemporaryFile() throws IOException {
    Path target = folder.resolve("model.bin");
    AtomicFiles.writeString(target, "previous");
    IOException failure = new IOException("disk full");
    IOException thrown = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
      out.write(new byte[100_000]);
      throw failure;
    }));
    assertSame(failure, thrown);
    assertEquals("previous", Files.readString(target));
    assertEquals(List.of("model.bin"), names());
  }

  @Test
  void aFailingWriterOfANewFileLeavesNothing() throws IOException {
    Path target = folder.resolve("new.bin");
    assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(target, out -> {
      out.write(1);
      throw new UncheckedIOException(new IOException("boom"));
    }));
    assertFalse(Files.exists(target));
    assertEquals(List.of(), names());
  }

  @Test
  void rejectsAPathWithoutAFileName() {
    assertThrows(IllegalArgumentException.class, () -> AtomicFiles.writeString(folder.getRoot(), "x"));
  }

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
