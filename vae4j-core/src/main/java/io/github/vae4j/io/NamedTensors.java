package io.github.vae4j.io;

import io.github.vae4j.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * Tensors by name, in order, with string metadata: the contents of a safetensors file (a model's
 * parameters, a checkpoint) as {@link SafeTensors} writes and reads them.
 *
 * <p>Both maps are unmodifiable copies that keep the order they were given in. The tensors
 * themselves are shared, not copied.
 *
 * @param tensors the tensors by name, in file order; names are non-empty and not {@code __metadata__}
 * @param metadata free-form string pairs (provenance, config), stored in the header's {@code __metadata__}
 */
public record NamedTensors(SequencedMap<String, Tensor> tensors, SequencedMap<String, String> metadata) {

  /** The header key reserved for metadata; no tensor may take it. */
  public static final String METADATA_KEY = "__metadata__";

  public NamedTensors {
    tensors = copy(tensors, "tensor");
    metadata = copy(metadata, "metadata");
    for (String name : tensors.keySet()) {
      if (name.isEmpty() || name.equals(METADATA_KEY)) {
        throw new IllegalArgumentException("tensor names must be non-empty and not " + METADATA_KEY
            + ", got '" + name + "'");
      }
    }
  }

  /** Tensors in the iteration order of {@code tensors}, with {@code metadata}. */
  public static NamedTensors of(Map<String, ? extends Tensor> tensors, Map<String, String> metadata) {
    return new NamedTensors(new LinkedHashMap<>(tensors), new LinkedHashMap<>(metadata));
  }

  /** Tensors in the iteration order of {@code tensors}, without metadata. */
  public static NamedTensors of(Map<String, ? extends Tensor> tensors) {
    return of(tensors, Map.of());
  }

  /** The tensor called {@code name}. */
  public Tensor tensor(String name) {
    Tensor tensor = tensors.get(name);
    if (tensor == null) {
      throw new IllegalArgumentException("no tensor named '" + name + "', have " + tensors.keySet());
    }
    return tensor;
  }

  private static <V> SequencedMap<String, V> copy(SequencedMap<String, V> map, String what) {
    Objects.requireNonNull(map, what + " map");
    SequencedMap<String, V> copy = new LinkedHashMap<>();
    map.forEach((key, value) -> copy.put(Objects.requireNonNull(key, what + " name"),
        Objects.requireNonNull(value, () -> what + " '" + key + "' is null")));
    return Collections.unmodifiableSequencedMap(copy);
  }
}
