package io.github.vae4j.cli;

import static io.github.vae4j.cli.Cli.JSON;
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
import io.github.vae4j.data.Dataset;
import io.github.vae4j.data.NpyReader;
import io.github.vae4j.model.ModelFile;
import io.github.vae4j.model.Vae;
import io.github.vae4j.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command that uses a model, on a tiny trained run: exit code 0 and the files it should write. */
class MainTest {

  @TempDir
  Path dir;

  @Test
  void evalPrintsOneJsonObject() throws IOException {
    Result r = ok("eval", "--model", model().toString(), "--data", "sprites:300", "--iw-samples", "20", "--limit", "50",
        "--json");
    assertEquals(1, r.out().lines().count(), r.out());
    JsonNode json = JSON.readTree(r.out());
    assertEquals(50, json.get("examples").asInt());
    assertEquals("train", json.get("split").asText(), "sprites have no test split; the whole set is used");
    double elbo = json.get("negative_elbo").asDouble();
    double iw = json.get("iw_nll").asDouble();
    assertTrue(elbo > 0 && Double.isFinite(elbo), r.out());
    assertTrue(iw > 0 && iw < elbo + 4 * json.get("negative_elbo_se").asDouble(), r.out());
    assertEquals(elbo, json.get("reconstruction").asDouble() + json.get("kl").asDouble(), 1e-6 * elbo);
    assertEquals(elbo / (784 * Math.log(2)), json.get("elbo_bits_per_dim").asDouble(), 1e-9);
    assertEquals(2, json.get("kl_per_dimension").size());
    assertEquals(20, json.get("iw_samples").asInt());
  }

  @Test
  void evalPrintsATableByDefault() {
    Result r = ok("eval", "--model", model().toString(), "--data", "sprites:300", "--split", "train", "--iw-samples",
        "0", "--limit", "20");
    assertTrue(r.out().contains("(train split, 20 examples)"), r.out());
    assertTrue(r.out().contains("negative ELBO"), r.out());
    assertFalse(r.out().contains("IW NLL"), r.out());
  }

  @Test
  void sampleWritesAGridAndAnArray() throws IOException {
    Path picture = dir.resolve("samples.png");
    Path array = dir.resolve("samples.npy");
    Result r = ok("sample", "--model", model().toString(), "--count", "9", "--out", picture.toString(), "--npy",
        array.toString());
    assertTrue(r.out().contains("wrote " + picture), r.out());
    BufferedImage image = png(picture);
    assertTrue(image.getWidth() >= 3 * 28 && image.getWidth() < 5 * 28 * 3, "width " + image.getWidth());
    Dataset samples = NpyReader.read(array);
    assertEquals(9, samples.count());
    assertEquals(List.of(1, 28, 28), samples.exampleShape());
  }

  @Test
  void reconstructWritesPairs() throws IOException {
    Path picture = dir.resolve("rec.png");
    ok("reconstruct", "--model", model().toString(), "--data", "sprites:300", "--count", "4", "--out",
        picture.toString());
    png(picture);
  }

  @Test
  void encodeThenDecodeThroughCsvAndNpy() throws IOException {
    Path csv = dir.resolve("codes.csv");
    Path npy = dir.resolve("codes.npy");
    Result r = ok("encode", "--model", model().toString(), "--data", "sprites:300", "--out", csv.toString());
    assertTrue(r.out().contains("300 latent codes of 2 dimensions"), r.out());
    List<String> lines = Files.readAllLines(csv);
    assertEquals("z0,z1,label", lines.getFirst());
    assertEquals(301, lines.size());
    ok("encode", "--model", model().toString(), "--data", "sprites:300", "--out", npy.toString());
    Dataset codes = NpyReader.read(npy);
    assertEquals(300, codes.count());
    assertEquals(List.of(2), codes.exampleShape());
    // the CSV and the array hold the same codes
    String[] first = lines.get(1).split(",");
    assertEquals(Float.parseFloat(first[0]), codes.value(0, 0));
    assertEquals(Float.parseFloat(first[1]), codes.value(0, 1));

    for (Path latents : List.of(csv, npy)) {
      Path picture = dir.resolve("decoded.png");
      Path decoded = dir.resolve("decoded.npy");
      Files.deleteIfExists(picture);
      ok("decode", "--model", model().toString(), "--latents", latents.toString(), "--out", picture.toString(),
          "--npy", decoded.toString());
      png(picture);
      Dataset images = NpyReader.read(decoded);
      assertEquals(300, images.count());
      assertEquals(List.of(1, 28, 28), images.exampleShape());
    }
  }

  @Test
  void decodedArraysMatchTheModel() throws IOException {
    // decoding the codes 'encode' wrote gives the model's reconstructions of the data
    Path npy = dir.resolve("z.npy");
    ok("encode", "--model", model().toString(), "--data", "sprites:300", "--out", npy.toString());
    Path decoded = dir.resolve("x.npy");
    ok("decode", "--model", model().toString(), "--latents", npy.toString(), "--npy", decoded.toString(), "--out",
        dir.resolve("x.png").toString());
    Vae vae = ModelFile.load(model()).model();
    Dataset codes = NpyReader.read(npy);
    float[] expected = vae.decodeMean(Tensor.wrap(codes.copyValues(), 300, 2)).toArray();
    assertArrayEquals(expected, NpyReader.read(decoded).copyValues());
  }

  @Test
  void interpolateLinearlyAndOnTheSphere() throws IOException {
    for (String method : List.of("linear", "spherical")) {
      Path picture = dir.resolve(method + ".png");
      ok("interpolate", "--model", model().toString(), "--data", "sprites:300", "--from", "3", "--to", "7", "--steps",
          "6", "--method", method, "--out", picture.toString());
      BufferedImage image = png(picture);
      assertTrue(image.getWidth() >= 6 * 28 && image.getWidth() > image.getHeight(), method);
    }
  }

  @Test
  void traverseAroundTheOriginOrAnExample() throws IOException {
    Path origin = dir.resolve("origin.png");
    ok("traverse", "--model", model().toString(), "--steps", "5", "--out", origin.toString());
    png(origin);
    Path example = dir.resolve("example.png");
    ok("traverse", "--model", model().toString(), "--data", "sprites:300", "--index", "4", "--range", "2", "--out",
        example.toString());
    png(example);
  }

  @Test
  void manifoldOfATwoDimensionalModel() throws IOException {
    Path picture = dir.resolve("manifold.png");
    ok("manifold", "--model", model().toString(), "--side", "5", "--out", picture.toString());
    BufferedImage image = png(picture);
    assertTrue(image.getWidth() >= 5 * 28, "width " + image.getWidth());
  }

  @Test
  void inspectPrintsTheFileAsJson() throws IOException {
    Result r = ok("inspect", "--model", model().toString());
    JsonNode json = JSON.readTree(r.out());
    assertEquals(2, json.get("config").get("latentDim").asInt());
    assertEquals("[32, 784]", json.get("weights").get("encoder.1.weight").asText());
    assertEquals("sprites:300", json.get("provenance").get("data").asText());
    assertEquals("vae4j-model v2", json.get("format").asText());
    assertTrue(json.get("parameters").asLong() > 2 * 32 * 784);
  }

  @Test
  void helpAndVersionExitZero() {
    assertTrue(ok("--help").out().contains("Usage: vae4j"));
    assertTrue(ok("--version").out().startsWith("vae4j "));
    assertTrue(ok("train", "--help").out().contains("--resume"));
  }

  @Test
  void theStringOnlyEntryPointStillWorks() {
    assertEquals(Main.EXIT_USAGE, Main.run("inspect", "--model", dir.resolve("nosuch.vae").toString()));
  }
}
