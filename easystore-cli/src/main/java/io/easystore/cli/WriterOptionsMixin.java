package io.easystore.cli;

import io.easystore.WriterOptions;
import io.easystore.codec.CodecId;
import java.util.Locale;
import picocli.CommandLine.Option;

/** How a command that writes a container lays it out: format, codec, level, dictionaries. */
final class WriterOptionsMixin {
  @Option(names = "--format", paramLabel = "v1|v2", defaultValue = "v2",
      description = "Container format: v2 (default: directories, compression, checksums) or v1 (the original"
          + " DES layout: flat names, no compression).")
  String format;

  @Option(names = "--codec", paramLabel = "CODEC",
      description = "Compression of each entry in v2: none, deflate, zstd (default) or zstd-dict. An entry that"
          + " does not shrink is stored raw.")
  String codec;

  @Option(names = "--level", paramLabel = "N", description = "Compression level: 0..9 for deflate, -7..22 for zstd.")
  Integer level;

  @Option(names = "--dict",
      description = "Train zstd dictionaries from the small files (grouped by extension) and store them in the container.")
  boolean dictionaries;

  @Option(names = "--external-above", paramLabel = "SIZE",
      description = "Store bodies larger than SIZE (e.g. 100MiB, the original DES threshold; 64KiB; 5000) as"
          + " sibling objects next to the container (<container>.ext/<uuid>/<n>), flagged external; works for"
          + " local files and s3:// outputs. Default: every body inside the container.")
  String externalAbove;

  /** Parses a size such as {@code 5000}, {@code 64KiB}, {@code 100MiB}, {@code 1G} (binary) or {@code 10MB} (decimal). */
  static long parseSize(String text) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)\\s*(\\d+)\\s*([kmgt]?)(i?)(b?)\\s*")
        .matcher(text);
    if (!m.matches() || (!m.group(3).isEmpty() && m.group(2).isEmpty())) {
      throw new IllegalArgumentException("not a size: '" + text + "' (use e.g. 5000, 64KiB, 100MiB, 1GiB)");
    }
    String unit = m.group(2).toLowerCase(Locale.ROOT);
    boolean decimal = m.group(3).isEmpty() && !m.group(4).isEmpty() && !unit.isEmpty();
    int power = "kmgt".indexOf(unit.isEmpty() ? '-' : unit.charAt(0)) + 1;
    java.math.BigInteger v = new java.math.BigInteger(m.group(1))
        .multiply(java.math.BigInteger.valueOf(decimal ? 1000 : 1024).pow(power));
    if (v.bitLength() > 62) {
      throw new IllegalArgumentException("size too large: '" + text + "'");
    }
    return v.longValue();
  }

  private WriterOptions withExternal(WriterOptions o) {
    return externalAbove == null ? o : o.withExternalThreshold(parseSize(externalAbove));
  }

  /** The writer options these flags describe; IllegalArgumentException says what does not fit together. */
  WriterOptions toWriterOptions() {
    String f = format.toLowerCase(Locale.ROOT);
    if (!f.equals("v1") && !f.equals("v2") && !f.equals("1") && !f.equals("2")) {
      throw new IllegalArgumentException("--format must be v1 or v2, not '" + format + "'");
    }
    boolean v1 = f.endsWith("1");
    if (v1) {
      if ((codec != null && !codec.equalsIgnoreCase("none")) || level != null || dictionaries) {
        throw new IllegalArgumentException("DES v1 stores bodies uncompressed: --codec, --level and --dict need"
            + " --format v2");
      }
      return withExternal(WriterOptions.v1());
    }
    WriterOptions o = WriterOptions.defaults();
    if (codec != null) {
      o = o.withCodec(CodecId.fromLabel(codec));
    }
    if (dictionaries) {
      o = o.withDictionaries(true);
    }
    if (level != null) {
      if (o.codec() == CodecId.NONE) {
        throw new IllegalArgumentException("--level needs a codec (deflate or zstd), not none");
      }
      o = o.withLevel(level);
    }
    return withExternal(o);
  }
}
