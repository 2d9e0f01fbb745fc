package io.easystore.testing;



import io.easystore.DesWriter;
import io.easystore.WriterOptions;
import io.easystore.codec.CodecId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A container built for request-budget tests: {@code entries} bodies of {@code bodySize} seeded
 * random bytes, added in name order so bodies follow the index order. Names are
 * {@code dir/f0000000} (v2) or {@code f0000000} (v1, flat); with {@code prefixLength > 0} every v2
 * name carries a directory of that many characters, which makes index separators long and the tree
 * deep with few entries.
 *
 * @param label a name for test reports
 * @param format DES format version, 1 or 2
 * @param entries number of files
 * @param bodySize bytes per body
 * @param prefixLength characters of the long directory name, 0 for {@code dir}
 * @param maxHeight the most index levels the v2 container may have (the budget under test)
 */
public record BudgetContainer(String label, int format, int entries, int bodySize, int prefixLength, int maxHeight) {

  public static BudgetContainer v2(int entries, int bodySize, int maxHeight) {
    return new BudgetContainer("v2 " + entries + " entries", 2, entries, bodySize, 0, maxHeight);
  }

  public static BudgetContainer v2Deep(int entries, int prefixLength, int bodySize, int maxHeight) {
    return new BudgetContainer("v2 " + entries + " entries, names of " + prefixLength + " chars", 2, entries, bodySize,
        prefixLength, maxHeight);
  }

  public static BudgetContainer v1(int entries, int bodySize) {
    return new BudgetContainer("v1 " + entries + " entries", 1, entries, bodySize, 0, 1);
  }

  /**
   * The containers every request-budget suite runs: v2 with one, two and three index levels, and v1
   * with its index inside and outside the tail.
   */
  public static java.util.stream.Stream<BudgetContainer> standardSet() {
    return java.util.stream.Stream.of(
        v2(10, 16 << 10, 1),
        v2(1_000, 1024, 1),
        v2(100_000, 100, 2),
        v2Deep(500, 8000, 100, 3),
        v1(1_000, 1024),
        v1(20_000, 100));
  }

  public String name(int i) {
    String file = String.format("f%07d", i);
    if (format == 1) {
      return file;
    }
    return prefixLength == 0 ? "dir/" + file : "d/" + "p".repeat(prefixLength) + "/" + file;
  }

  public byte[] body(int i) {
    byte[] b = new byte[bodySize];
    new Random(31L * entries + i).nextBytes(b);
    return b;
  }

  /** Writes the container under {@code dir} and returns its bytes. */
  public byte[] build(Path dir) throws IOException {
    Path out = dir.resolve("budget-" + format + "-" + entries + "-" + prefixLength + ".des");
    WriterOptions options = format == 1 ? WriterOptions.v1() : WriterOptions.defaults().withCodec(CodecId.NONE);
    try (DesWriter w = DesWriter.create(out, options)) {
      for (int i = 0; i < entries; i++) {
        w.addFile(name(i), body(i));
      }
    }
    byte[] bytes = Files.readAllBytes(out);
    Files.delete(out);
    return bytes;
  }

  @Override
  public String toString() {
    return label;
  }
}
