package io.github.vae4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.vae4j.data.Dataset;
import io.github.vae4j.data.NpyReader;
import io.github.vae4j.tensor.Tensor;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Model files written by earlier versions of vae4j still load and decode as they did. The files in
 * {@code compat/} were written by {@code bin/vae4j train} at format version 1 (before the model
 * family, priors and typed configs), and the .npy beside each holds what {@code bin/vae4j decode}
 * gave for three latent codes then.
 */
class GoldenModelFileTest {

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(GoldenModelFileTest.class.getResource("/compat/" + name).toURI());
  }

  @ParameterizedTest
  @CsvSource({
      "v1-mlp-bernoulli, 2, '0,0, 1.5,-0.5, -2,1'",
      "v1-conv-gaussian-learned, 3, '0,0,0, 1.5,-0.5,0.25, -2,1,0.5'"})
  void versionOneFilesLoadAndDecodeAsBefore(String name, int latent, String codes) throws Exception {
    ModelFile.Loaded loaded = ModelFile.load(resource(name + ".vae"));
    Vae model = loaded.model();
    assertEquals(latent, model.latentDim());
    String[] parts = codes.split(",");
    float[] z = new float[parts.length];
    for (int i = 0; i < z.length; i++) {
      z[i] = Float.parseFloat(parts[i].trim());
    }
    float[] decoded = model.decodeMean(Tensor.wrap(z, z.length / latent, latent)).toArray();
    Dataset expected = NpyReader.read(resource(name + ".decoded.npy"));
    assertEquals(3, expected.count());
    // the same weights and the same graph; the tolerance allows another CPU's kernels
    assertArrayEquals(expected.copyValues(), decoded, 1e-5f);
    assertEquals(1L, loaded.provenance().seed());
    assertEquals("not recorded (model format 1)", loaded.provenance().objective());
    assertEquals(io.github.vae4j.prior.PriorSpec.standard(), model.config().prior());
  }
}
