package io.github.vae4j.cli;

import static io.github.vae4j.cli.Cli.JSON;
import static io.github.vae4j.cli.Cli.cli;
import static io.github.vae4j.cli.Cli.fails;
import static io.github.vae4j.cli.Cli.ok;
import static io.github.vae4j.cli.Cli.png;
import static io.github.vae4j.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.vae4j.data.NpyReader;
import io.github.vae4j.model.ModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The VAE family on the command line: objectives, schedules, priors, samplers and the collapse diagnostics. */
class FamilyCommandTest {

  @TempDir
  Path dir;

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--objective iwae --samples 3 --dreg | iwae(k=3, dreg) | (-L_k",
      "--objective elbo --kl-schedule linear:10 --free-bits 0.1 | elbo(kl=linear:10, free-bits=0.1) | beta",
      "--objective mmd --mmd-kernel rbf | mmd(alpha=0.0, lambda=1000.0, kernel=rbf, bandwidth=1.0) | mmd",
      "--objective wae --mmd-weight 10 | wae(lambda=10.0, kernel=imq, bandwidth=1.0) | mmd",
      "--objective tcvae --tc-weight 4 | tcvae(alpha=1.0, beta=4.0, gamma=1.0) | tc",
      "--prior mog:3 | elbo | kl",
      "--prior vamp:4 --objective iwae --samples 2 --no-dreg | iwae(k=2) | (-L_k",
      "--objective iwae --samples 2 | iwae(k=2, dreg) | (-L_k"})
  void eachObjectiveAndPriorTrainsFromTheCommandLine(String options, String name, String shown) throws IOException {
    Path out = dir.resolve("run");
    List<String> args = new java.util.ArrayList<>(List.of("train", "--data", "sprites:200", "--hidden", "16",
        "--latent", "2", "--epochs", "1", "--batch", "50", "--no-report", "--out", out.toString()));
    args.addAll(List.of(options.trim().split(" ")));
    Cli.Result r = ok(args.toArray(String[]::new));
    assertTrue(r.out().contains("objective: " + name), r.out());
    assertTrue(r.out().contains(shown), r.out());
    JsonNode config = JSON.readTree(out.resolve("config.json").toFile());
    assertEquals(name.substring(0, name.indexOf('(') < 0 ? name.length() : name.indexOf('(')),
        config.get("objective").get("type").asText());
    ModelFile.Loaded loaded = ModelFile.load(out.resolve("model.vae"));
    assertTrue(loaded.model().summary().contains(options.contains("--prior") ? options.split("--prior ")[1].split(" ")[0]
        : "standard prior"), loaded.model().summary());
  }

  @Test
  void optionsTheObjectiveDoesNotReadAreRefused() {
    String base = "train --data sprites:100 --epochs 1 --out " + dir.resolve("x");
    assertEquals("--dreg/--no-dreg do(es) not apply to --objective elbo", fails((base + " --dreg").split(" ")));
    assertEquals("--free-bits, --samples do(es) not apply to --objective tcvae",
        fails((base + " --objective tcvae --free-bits 0.5 --samples 3").split(" ")));
    assertTrue(fails((base + " --objective vqvae").split(" ")).contains("elbo, iwae, mmd, wae or tcvae"));
    assertTrue(fails((base + " --kl-schedule warmup:3").split(" ")).startsWith("unknown KL schedule 'warmup:3'"));
    assertTrue(fails((base + " --prior normal").split(" ")).contains("standard, mog:K or vamp:K"));
    assertTrue(fails((base + " --beta 2 --kl-schedule linear:5").split(" ")).contains("not both"));
  }

  @Test
  void trainHelpExplainsEachOption() {
    String help = ok("train", "--help").out();
    for (String option : List.of("--objective", "--samples", "--kl-schedule", "--free-bits", "--[no-]dreg", "--mmd-kernel",
        "--tc-weight", "--prior", "--schedule", "--epsilon")) {
      assertTrue(help.contains(option), option);
    }
  }

  @Test
  void evalReportsTheCollapseDiagnosticsUnderStableKeys() throws IOException {
    JsonNode json = JSON.readTree(ok("eval", "--model", run().resolve("model.vae").toString(), "--data", "sprites:300",
        "--iw-samples", "5", "--limit", "120", "--json").out());
    for (String key : List.of("negative_elbo", "negative_elbo_se", "iw_nll", "iw_nll_se", "active_units",
        "kl_per_dimension", "mutual_information", "reconstruction", "kl", "verdict")) {
      assertTrue(json.has(key), key + " in " + json);
    }
    assertEquals(2, json.get("kl_per_dimension").size());
    assertTrue(json.get("active_units").asInt() <= 2);
    String text = ok("eval", "--model", run().resolve("model.vae").toString(), "--data", "sprites:300",
        "--iw-samples", "5", "--limit", "120").out();
    assertTrue(text.contains("active units") && text.contains("mutual information"), text);
  }

  @Test
  void theVerdictNamesARemedyForInactiveDimensions() {
    assertEquals("every latent dimension carries information about the data", EvalCommand.verdict(20, 20));
    assertTrue(EvalCommand.verdict(8, 20).startsWith("12 of 20 latent dimensions carry no information; try "
        + "--kl-schedule linear:10000 or --free-bits 0.25"));
    assertTrue(EvalCommand.verdict(0, 5).contains("collapsed"));
  }

  @Test
  void sampleWritesTheFormatItsFileNames() throws IOException {
    String model = run().resolve("model.vae").toString();
    Path npy = dir.resolve("s.npy");
    ok("sample", "--model", model, "--count", "5", "--out", npy.toString());
    assertEquals(5, NpyReader.read(npy).count());
    png(Path.of(ok("sample", "--model", model, "--count", "4", "--out", dir.resolve("s.png").toString()).out()
        .strip().substring("wrote ".length())));
    assertTrue(fails("sample", "--model", model, "--out", dir.resolve("s.jpg").toString()).contains("cannot tell"));
    assertTrue(fails("reconstruct", "--model", model, "--data", "sprites:10", "--out", npy.toString())
        .contains("must be a .png"));
  }

  @Test
  void aFittedMixtureSamplerIsStoredAndSampledFrom() throws IOException {
    Path model = dir.resolve("model.vae");
    Files.copy(run().resolve("model.vae"), model);
    assertTrue(fails("sample", "--model", model.toString(), "--sampler", "gmm:3").contains("holds no fitted sampler"));
    assertTrue(ok("fit-sampler", "--model", model.toString(), "--data", "sprites:300", "--components", "3").out()
        .contains("fitted gmm:3 to the posterior means of 300 examples"));
    assertEquals("gmm:3", ModelFile.load(model).sampler().orElseThrow().toString());
    Path out = dir.resolve("gmm.npy");
    ok("sample", "--model", model.toString(), "--sampler", "gmm:3", "--count", "6", "--out", out.toString());
    assertEquals(6, NpyReader.read(out).count());
    assertTrue(fails("sample", "--model", model.toString(), "--sampler", "gmm:5").contains("holds gmm:3, not gmm:5"));
  }

  @Test
  void aMistypedCommandGetsASuggestion() {
    Cli.Result r = cli("trian", "--data", "sprites");
    assertEquals(Main.EXIT_USAGE, r.code());
    assertTrue(r.err().startsWith("vae4j: Unmatched arguments"), r.err());
    assertTrue(r.err().contains("did you mean: train"), r.err());
  }
}
