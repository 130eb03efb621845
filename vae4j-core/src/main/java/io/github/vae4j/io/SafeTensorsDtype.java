package io.github.vae4j.io;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The safetensors element types that vae4j reads, each with its size in bytes and its conversion
 * to float. Floating types convert exactly (F16, BF16) or by rounding to nearest (F64); integer and
 * boolean types convert to the nearest float, so integers beyond 2^24 lose their low bits.
 *
 * <p>Types the format knows but vae4j does not read (the 8-bit and smaller floats, complex numbers)
 * are rejected by name on read.
 */
enum SafeTensorsDtype {
  F64(8),
  F32(4),
  F16(2),
  BF16(2),
  I64(8),
  I32(4),
  I16(2),
  I8(1),
  U64(8),
  U32(4),
  U16(2),
  U8(1),
  BOOL(1);

  private final int bytes;

  SafeTensorsDtype(int bytes) {
    this.bytes = bytes;
  }

  /** Bytes per element. */
  int bytes() {
    return bytes;
  }

  /** The type named {@code name} in a header (case-sensitive, as the format spells it), or null. */
  static SafeTensorsDtype parse(String name) {
    for (SafeTensorsDtype dtype : values()) {
      if (dtype.name().equals(name)) {
        return dtype;
      }
    }
    return null;
  }

  /** The names this reader accepts, for error messages. */
  static String supported() {
    return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
  }

  /**
   * Converts {@code count} elements from {@code source} (little-endian, positioned at the first)
   * into {@code target} starting at {@code offset}.
   */
  void decode(ByteBuffer source, float[] target, int offset, int count) {
    switch (this) {
      case F32 -> source.asFloatBuffer().get(target, offset, count);
      case F64 -> {
        for (int i = 0; i < count; i++) {
          target[offset + i] = (float) source.getDouble(source.position() + 8 * i);
        }
      }
      case F16 -> {
        for (int i = 0; i < count; i++) {
          target[offset + i] = Float.float16ToFloat(source.getShort(source.position() + 2 * i));
        }
      }
      case BF16 -> {
        // bfloat16 is the upper half of a float32, so widening is a shift
        for (int i = 0; i < count; i++) {
          target[offset + i] = Float.intBitsToFloat((source.getShort(source.position() + 2 * i) & 0xFFFF) << 16);
        }
      }
      case I64 -> {
        for (int i = 0; i < count; i++) {
          target[offset + i] = source.getLong(source.position() + 8 * i);
        }
      }
      case I32 -> {
        for (int i = 0; i < count; i++) {
          target[offset + i] = source.getInt(source.position() + 4 * i);
        }
      }
      case I16 -> {
        for (int i = 0; i < count; i++) {
          target[offset + i] = source.getShort(source.position() + 2 * i);
        }
      }
      case I8 -> {
        for (int i = 0; i < count; i++) {
          target[offset + i] = source.get(source.position() + i);
        }
      }
      case U64 -> {
        for (int i = 0; i < count; i++) {
          long v = source.getLong(source.position() + 8 * i);
          // unsigned: add 2^64 back to values read as negative
          target[offset + i] = v >= 0 ? v : (float) (v + 0x1p64);
        }
      }
      case U32 -> {
        for (int i = 0; i < count; i++) {
          target[offset + i] = source.getInt(source.position() + 4 * i) & 0xFFFFFFFFL;
        }
      }
      case U16 -> {
        for (int i = 0; i < count; i++) {
          target[offset + i] = source.getShort(source.position() + 2 * i) & 0xFFFF;
        }
      }
      case U8 -> {
        for (int i = 0; i < count; i++) {
          target[offset + i] = source.get(source.position() + i) & 0xFF;
        }
      }
      case BOOL -> {
        for (int i = 0; i < count; i++) {
          target[offset + i] = source.get(source.position() + i) != 0 ? 1f : 0f;
        }
      }
    }
  }
}
