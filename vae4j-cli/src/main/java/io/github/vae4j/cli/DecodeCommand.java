package io.github.vae4j.cli;

import io.github.vae4j.data.CsvOptions;
import io.github.vae4j.data.CsvReader;
import io.github.vae4j.data.Dataset;
import io.github.vae4j.data.NpyReader;
import io.github.vae4j.data.NpyWriter;
import io.github.vae4j.model.Vae;
import io.github.vae4j.report.Pictures;
import io.github.vae4j.tensor.Tensor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vae4j decode}: latent codes from CSV or NPY to decoded means. */
@Command(name = "decode", mixinStandardHelpOptions = true,
    description = "Decode latent codes (a .csv with one code per row, as 'encode' writes, or an .npy [n, latentDim]).")
final class DecodeCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ModelInput modelInput;

  @Option(names = "--latents", required = true, description = "Latent codes: .csv or .npy.")
  Path latents;

  @Option(names = "--out", defaultValue = "decoded.png", description = "PNG grid (image models) (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--npy", description = "Also write the decoded means to this .npy file.")
  Path npy;

  @Override
  public Integer call() throws Exception {
    PrintWriter console = spec.commandLine().getOut();
    Vae model = modelInput.load().model();
    String name = latents.getFileName().toString().toLowerCase(Locale.ROOT);
    Dataset codes;
    if (name.endsWith(".npy")) {
      codes = NpyReader.read(latents);
    } else if (name.endsWith(".csv")) {
      // a label column, as 'encode' writes for labelled data, is not part of the code
      String header;
      try (java.io.BufferedReader reader = java.nio.file.Files.newBufferedReader(latents)) {
        header = reader.readLine();
      }
      boolean labelled = header != null && java.util.Arrays.asList(header.split(",")).contains("label");
      codes = CsvReader.read(latents, labelled ? CsvOptions.defaults().withLabelColumn("label") : CsvOptions.defaults());
    } else {
      throw new IllegalArgumentException("--latents must be a .csv or .npy file, got " + latents);
    }
    if (codes.features() != model.latentDim()) {
      throw new IllegalArgumentException(latents + " holds codes of " + codes.features() + " values, the model's latent "
          + "space has " + model.latentDim() + " dimensions");
    }
    float[] z = codes.copyValues();
    if (npy != null) {
      Tensor decoded = model.decodeMean(Tensor.wrap(z.clone(), codes.count(), model.latentDim()));
      NpyWriter.write(npy, decoded.toArray(), decoded.shape());
      console.println("wrote " + npy);
    }
    if (Pictures.isImageModel(model)) {
      Pictures.decoded(out, model, z, (int) Math.ceil(Math.sqrt(codes.count())), "decoded latent codes");
      console.println("wrote " + out);
    } else if (npy == null) {
      throw new IllegalArgumentException("this model reads rows, not images; pass --npy FILE to write the decodings");
    }
    return 0;
  }
}
