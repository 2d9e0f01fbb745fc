package io.easystore.codec;

import io.easystore.CorruptContainerException;
import java.util.Locale;

/**
 * The compression codecs every EasyStore format can name with one byte. The numbers are part of
 * the on-disk formats and never change meaning; new codecs get new numbers.
 */
public enum CodecId {
  /** Stored as is. */
  NONE(0, "none"),
  /** zlib-wrapped deflate (RFC 1950/1951), through {@link java.util.zip}. */
  DEFLATE(1, "deflate"),
  /** A single zstd frame (RFC 8878) carrying its content size. */
  ZSTD(2, "zstd"),
  /** A zstd frame compressed against a dictionary that the container stores or names. */
  ZSTD_DICTIONARY(3, "zstd-dict");

  private final int id;
  private final String label;

  CodecId(int id, String label) {
    this.id = id;
    this.label = label;
  }

  /** The number stored in files. */
  public int id() {
    return id;
  }

  /** The lower-case name used in JSON metadata and on the command line. */
  public String label() {
    return label;
  }

  /**
   * Decodes a codec number read from a container.
   *
   * @throws CorruptContainerException naming the container and offset when the number is unknown
   */
  public static CodecId fromId(int id, String container, long offset) throws CorruptContainerException {
    for (CodecId c : values()) {
      if (c.id == id) {
        return c;
      }
    }
    throw new CorruptContainerException(container, offset, null, "unknown codec id " + id
        + " (known: 0 none, 1 deflate, 2 zstd, 3 zstd-dict)");
  }

  /**
   * Parses a label such as {@code "zstd"} (case-insensitive).
   *
   * @throws IllegalArgumentException for an unknown label; callers parsing files should catch it
   *     and report a corrupt container
   */
  public static CodecId fromLabel(String label) {
    String l = label.toLowerCase(Locale.ROOT);
    for (CodecId c : values()) {
      if (c.label.equals(l)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown codec '" + label + "' (use none, deflate, zstd or zstd-dict)");
  }
}
