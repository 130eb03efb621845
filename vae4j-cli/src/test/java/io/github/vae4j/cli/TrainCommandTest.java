package io.github.vae4j.cli;

import static io.github.vae4j.cli.Cli.JSON;
import static io.github.vae4j.cli.Cli.cli;
import static io.github.vae4j.cli.Cli.fails;
import static io.github.vae4j.cli.Cli.model;
import static io.github.vae4j.cli.Cli.ok;
import static io.github.vae4j.cli.Cli.png;
import static io.github.vae4j.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.vae4j.cli.Cli.Result;
import io.github.vae4j.model.ModelFile;
import io.github.vae4j.tensor.Tensor;
import io.github.vae4j.train.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} and {@code demo}: the run folder, resuming, refusing to overwrite. */
class TrainCommandTest {

  @TempDir
  Path dir;

  @Test
  void trainWritesTheRunFolder() throws IOException {
    for (String name : List.of("model.vae", "checkpoint.bin", "metrics.jsonl", "config.json", "report.html")) {
      assertTrue(Files.isRegularFile(run().resolve(name)), name);
    }
    png(run().resolve("samples.png"));
    png(run().resolve("manifold.png"));
    assertEquals(1, Files.readAllLines(run().resolve("metrics.jsonl")).size());
    assertEquals(1, Checkpoint.read(run().resolve("checkpoint.bin")).epoch());
    JsonNode config = JSON.readTree(run().resolve("config.json").toFile());
    assertEquals(2, config.get("model").get("latentDim").asInt());
    assertEquals(32, config.get("model").get("hidden").get(0).asInt());
    assertEquals(1, config.get("training").get("epochs").asInt());
    assertEquals(0.2, config.get("training").get("validationFraction").asDouble());
    ModelFile.Loaded loaded = ModelFile.load(model());
    assertEquals("sprites:300", loaded.provenance().data());
    assertTrue(loaded.provenance().metrics().containsKey("val_loss"));
  }

  @Test
  void trainRefusesToOverwriteARun() {
    String message = fails("train", "--data", "sprites:300", "--out", run().toString(), "--epochs", "1");
    assertTrue(message.contains("already holds a run") && message.contains("--resume"), message);
  }

  @Test
  void resumeContinuesARun() throws IOException {
    Path folder = dir.resolve("resumed");
    String[] common = {"--data", "sprites:200", "--hidden", "16", "--latent", "2", "--validation", "0.25",
        "--no-report"};
    ok(concat(new String[] {"train", "--epochs", "1", "--out", folder.toString()}, common));
    assertEquals(Main.EXIT_USAGE, cli(concat(new String[] {"train", "--epochs", "2", "--out", folder.toString()},
        common)).code());
    Result r = ok(concat(new String[] {"train", "--epochs", "2", "--resume", "--out", folder.toString()}, common));
    assertTrue(r.out().contains("epoch 2/2"), r.out());
    assertFalse(r.out().contains("epoch 1/2"), "epoch 1 is not trained again: " + r.out());
    assertEquals(2, Files.readAllLines(folder.resolve("metrics.jsonl")).size());
    assertFalse(Files.exists(folder.resolve("report.html")));

    // the same as two epochs straight through, bit for bit
    Path straight = dir.resolve("straight");
    ok(concat(new String[] {"train", "--epochs", "2", "--out", straight.toString()}, common));
    Map<String, Tensor> expected = ModelFile.load(straight.resolve("model.vae")).model().namedParameters();
    Map<String, Tensor> actual = ModelFile.load(folder.resolve("model.vae")).model().namedParameters();
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((name, t) -> assertArrayEquals(t.array(), actual.get(name).array(), name));
  }

  @Test
  void convModelsTrainAndSample() throws IOException {
    Path folder = dir.resolve("conv");
    ok("train", "--data", "sprites:100", "--out", folder.toString(), "--architecture", "conv", "--hidden", "4,8",
        "--latent", "3", "--epochs", "1", "--validation", "0", "--no-report");
    assertEquals("conv", ModelFile.load(folder.resolve("model.vae")).model().config().architecture());
    Path picture = dir.resolve("conv.png");
    ok("sample", "--model", folder.resolve("model.vae").toString(), "--count", "4", "--out", picture.toString());
    png(picture);
  }

  @Test
  void demoTrainsOnSprites() throws IOException {
    Path folder = dir.resolve("demo");
    Result r = ok("demo", "--out", folder.toString(), "--count", "100", "--epochs", "1");
    assertTrue(r.out().startsWith("demo: 100 generated sprites"), r.out());
    png(folder.resolve("samples.png"));
    assertTrue(Files.isRegularFile(folder.resolve("report.html")));
    // the demo may be run again into the same folder
    ok("demo", "--out", folder.toString(), "--count", "100", "--epochs", "1");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
