package io.github.vae4j.cli;

import static io.github.vae4j.cli.Cli.cli;
import static io.github.vae4j.cli.Cli.fails;
import static io.github.vae4j.cli.Cli.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.cli.Cli.Result;
import io.github.vae4j.model.ModelFile;
import io.github.vae4j.model.Preprocessing;
import io.github.vae4j.model.Provenance;
import io.github.vae4j.model.Vae;
import io.github.vae4j.model.VaeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input: exit code 2 and one line on stderr saying what is wrong, never a stack trace. */
class MainErrorsTest {

  @TempDir
  Path dir;

  @Test
  void unknownOption() {
    assertTrue(fails("sample", "--model", model().toString(), "--bogus").contains("Unknown option: '--bogus'"));
  }

  @Test
  void missingRequiredOption() {
    assertTrue(fails("eval", "--model", model().toString()).contains("Missing required option: '--data=<data>'"));
  }

  @Test
  void missingModelFile() {
    Path absent = dir.resolve("nosuch.vae");
    assertEquals("file not found: " + absent, fails("inspect", "--model", absent.toString()));
  }

  @Test
  void truncatedModelFile() throws IOException {
    byte[] bytes = Files.readAllBytes(model());
    Path half = dir.resolve("half.vae");
    Files.write(half, Arrays.copyOf(bytes, bytes.length / 2));
    String message = fails("sample", "--model", half.toString(), "--out", dir.resolve("s.png").toString());
    assertTrue(message.startsWith(half + ": "), message);
    assertTrue(message.contains("truncated") || message.contains("ended at byte"), message);
    assertFalse(Files.exists(dir.resolve("s.png")));
  }

  @Test
  void corruptLatentFiles() throws IOException {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "z0,z1\n0.5,0.25\n1.0,abc\n");
    assertTrue(fails("decode", "--model", model().toString(), "--latents", csv.toString()).startsWith(csv.toString()));
    Path npy = dir.resolve("bad.npy");
    byte[] noise = new byte[200];
    new SplittableRandom(1).nextBytes(noise);
    Files.write(npy, noise);
    assertTrue(fails("decode", "--model", model().toString(), "--latents", npy.toString()).contains("not a .npy file"));
    Path wide = dir.resolve("wide.csv");
    Files.writeString(wide, "a,b,c\n1,2,3\n");
    assertEquals(wide + " holds codes of 3 values, the model's latent space has 2 dimensions",
        fails("decode", "--model", model().toString(), "--latents", wide.toString()));
    Path text = dir.resolve("codes.txt");
    Files.writeString(text, "1,2\n");
    assertTrue(fails("decode", "--model", model().toString(), "--latents", text.toString())
        .startsWith("--latents must be a .csv or .npy file"));
  }

  @Test
  void unknownDataSource() {
    assertTrue(fails("eval", "--model", model().toString(), "--data", "nosuch:foo")
        .startsWith("bad data spec \"nosuch:foo\": unknown data source \"nosuch\""));
    assertTrue(fails("train", "--data", "nosuch:foo", "--out", dir.toString())
        .startsWith("bad data spec \"nosuch:foo\""));
  }

  @Test
  void dataOfAnotherShapeThanTheModel() throws IOException {
    Path csv = dir.resolve("five.csv");
    Files.writeString(csv, "1,2,3,4,5\n0.1,0.2,0.3,0.4,0.5\n0,0,0,0,1\n");
    assertEquals("the model reads examples of shape [1, 28, 28], csv:" + csv + " has [5]",
        fails("eval", "--model", model().toString(), "--data", "csv:" + csv));
    assertTrue(fails("encode", "--model", model().toString(), "--data", "csv:" + csv, "--out",
        dir.resolve("z.csv").toString()).startsWith("the model reads examples of shape [1, 28, 28]"));
  }

  @Test
  void explicitTestSplitOnDataWithoutOne() {
    assertEquals("sprites:300 has no test split (only mnist and fashion-mnist have one); use --split train to "
        + "read the whole set",
        fails("eval", "--model", model().toString(), "--data", "sprites:300", "--split", "test"));
    assertEquals("--split must be test or train, got 'validation'",
        fails("reconstruct", "--model", model().toString(), "--data", "sprites:300", "--split", "validation"));
  }

  @Test
  void badValuesOfOtherOptions() throws IOException {
    assertEquals("--method must be linear or spherical, got 'cubic'", fails("interpolate", "--model",
        model().toString(), "--data", "sprites:300", "--method", "cubic", "--out", dir.resolve("i.png").toString()));
    assertEquals("example index 300 is out of range: the split has 300 examples", fails("interpolate", "--model",
        model().toString(), "--data", "sprites:300", "--to", "300", "--out", dir.resolve("i.png").toString()));
    assertEquals("--count must be >= 1, got 0", fails("sample", "--model", model().toString(), "--count", "0"));
    assertEquals("--out must end in .csv or .npy, got " + dir.resolve("z.txt"), fails("encode", "--model",
        model().toString(), "--data", "sprites:20", "--out", dir.resolve("z.txt").toString()));
    assertTrue(fails("train", "--data", "sprites:50", "--out", dir.resolve("t").toString(), "--latent", "0")
        .startsWith("latentDim must be >= 1, got 0"));
  }

  @Test
  void manifoldNeedsATwoDimensionalLatentSpace() throws IOException {
    Vae three = new Vae(new VaeConfig(List.of(1, 28, 28), "mlp", List.of(8), 3, "relu", "bernoulli", 1, "pytorch"),
        new SplittableRandom(1));
    Path file = dir.resolve("three.vae");
    ModelFile.save(file, three, new Preprocessing("unit", "none"),
        new Provenance("test", 1, "elbo", "none", "", "25", "java", "now", Map.of()));
    assertEquals("the manifold needs a 2-D latent space, this model has 3",
        fails("manifold", "--model", file.toString(), "--out", dir.resolve("m.png").toString()));
  }

  @Test
  void verboseShowsTheStackTrace() {
    Result r = cli("inspect", "--model", dir.resolve("nosuch.vae").toString(), "--verbose");
    assertEquals(Main.EXIT_USAGE, r.code());
    assertTrue(r.err().contains("\tat "), r.err());
  }
}
