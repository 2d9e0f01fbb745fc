package io.easystore.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.easystore.DesReader;
import io.easystore.testing.FpackFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The original FilePacker pads names to 128 characters, joins them, encodes the block as UTF-8
 * and truncates it to 128 x n bytes; its reader decodes the block and slices every 128
 * characters. Packs here are built by that rule ({@link FpackFiles#nameBlock}), byte for byte.
 */
class FpackNameTableTest {
  @TempDir
  Path tmp;

  private Path pack(String... names) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String n : names) {
      files.put(n, ("body of " + n).getBytes(StandardCharsets.UTF_8));
    }
    return FpackFiles.write(tmp.resolve("p.fpack"), "base", files);
  }

  @Test
  void nonAsciiNameDoesNotShiftTheNamesAfterIt() throws IOException {
    Path p = pack("é.txt", "b.txt", "üñí/zażółć.txt", "日本.txt", "big.bin");
    try (DesReader r = DesReader.open(p)) {
      assertThat(r.listFiles()).containsExactly("é.txt", "b.txt", "üñí/zażółć.txt", "日本.txt", "big.bin");
      assertThat(new String(r.getFile("b.txt"), StandardCharsets.UTF_8)).isEqualTo("body of b.txt");
      assertThat(new String(r.getFile("big.bin"), StandardCharsets.UTF_8)).isEqualTo("body of big.bin");
      assertThat(new String(r.getFile("日本.txt"), StandardCharsets.UTF_8)).isEqualTo("body of 日本.txt");
    }
  }

  @Test
  void truncatedNameBlockLosesTheLastNamesTailAsTheOriginalReads() throws IOException {
    // 127 'ü' cost 127 extra bytes: the block keeps only "l" of the second name.
    String wide = "ü".repeat(127);
    try (DesReader r = DesReader.open(pack(wide, "last.txt"))) {
      assertThat(r.listFiles()).containsExactly(wide, "l");
      assertThat(new String(r.getFile("l"), StandardCharsets.UTF_8)).isEqualTo("body of last.txt");
    }
  }

  @Test
  void characterCutByTheTruncationIsDropped() throws IOException {
    // 253 bytes + one space, then "x" and the first byte of 'é' end the 256-byte block.
    String wide = "ü".repeat(126) + "a";
    try (DesReader r = DesReader.open(pack(wide, "xé"))) {
      assertThat(r.listFiles()).containsExactly(wide, "x");
    }
  }

  @Test
  void incompleteTailCountsOnlyAnUnfinishedSequence() {
    byte[] e = "é".getBytes(StandardCharsets.UTF_8);
    assertThat(io.easystore.internal.fpack.FpackIndexAccess.incompleteTail(new byte[] {'a', e[0]})).isEqualTo(1);
    assertThat(io.easystore.internal.fpack.FpackIndexAccess.incompleteTail(new byte[] {'a', e[0], e[1]})).isZero();
    byte[] cjk = "日".getBytes(StandardCharsets.UTF_8);
    assertThat(io.easystore.internal.fpack.FpackIndexAccess.incompleteTail(new byte[] {cjk[0], cjk[1]})).isEqualTo(2);
    assertThat(io.easystore.internal.fpack.FpackIndexAccess.incompleteTail(new byte[] {'a', 'b'})).isZero();
  }
}
