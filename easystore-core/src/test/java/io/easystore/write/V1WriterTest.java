package io.easystore.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.WriterOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class V1WriterTest {
  @TempDir Path tmp;

  @Test
  void duplicateNameIsRefusedAndWriterStaysUsable() throws IOException {
    Path out = tmp.resolve("d.des");
    try (DesWriter w = DesWriter.create(out, WriterOptions.v1())) {
      w.addFile("a", new byte[] {1});
      assertThatThrownBy(() -> w.addFile("a", new byte[] {2}))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate entry name 'a'");
      w.addFile("b", new byte[] {3});
    }
    try (DesReader r = DesReader.open(out)) {
      assertThat(r.listFiles()).containsExactly("a", "b");
      assertThat(r.getFile("a")).containsExactly(1);
    }
  }

  static Stream<String> badNames() {
    return Stream.of("", "a/b", "a\\b", "c:", "x*", "q?", "\"", "<", ">", "|", "x".repeat(65_536),
        "é".repeat(32_768), "lone\uD800surrogate");
  }

  @ParameterizedTest
  @MethodSource("badNames")
  void namesAreValidatedLikeTheReference(String name) throws IOException {
    try (DesWriter w = DesWriter.create(tmp.resolve("n.des"), WriterOptions.v1())) {
      assertThatThrownBy(() -> w.addFile(name, new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void longestLegalNameIsAccepted() throws IOException {
    Path out = tmp.resolve("long.des");
    String name = "x".repeat(65_535);
    try (DesWriter w = DesWriter.create(out, WriterOptions.v1())) {
      w.addFile(name, new byte[] {9});
    }
    try (DesReader r = DesReader.open(out)) {
      assertThat(r.getFile(name)).containsExactly(9);
    }
  }

  @Test
  void failedStreamLeavesNothingBehind() throws IOException {
    Path out = tmp.resolve("fail.des");
    InputStream broken = new InputStream() {
      int n;

      @Override
      public int read() throws IOException {
        if (n++ > 1000) {
          throw new IOException("disk on fire");
        }
        return 7;
      }
    };
    DesWriter w = DesWriter.create(out, WriterOptions.v1());
    w.addFile("ok", new byte[] {1});
    assertThatThrownBy(() -> w.addFile("broken", broken, null)).hasMessageContaining("disk on fire");
    assertThatThrownBy(w::close).isInstanceOf(IOException.class).hasMessageContaining("not written");
    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void publishedContainerGetsTheUsersUsualPermissionsNotTempFileOnes() throws IOException {
    Path plain = Files.createFile(tmp.resolve("plain"));
    Path out = tmp.resolve("perm.des");
    try (DesWriter w = DesWriter.create(out, WriterOptions.v1())) {
      w.addFile("a", new byte[] {1});
    }
    assertThat(Files.getPosixFilePermissions(out)).isEqualTo(Files.getPosixFilePermissions(plain));
  }

  @Test
  void abortPublishesNothingAndRemovesTheTemporaryFile() throws IOException {
    Path out = tmp.resolve("abort.des");
    DesWriter w = DesWriter.create(out, WriterOptions.v1());
    w.addFile("a", new byte[100]);
    w.abort();
    w.close();
    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void callerSizeKeyKeepsItsPositionAndGetsTheRealSize() throws IOException {
    Path out = tmp.resolve("s.des");
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("size", 999);
    meta.put("mime", "text/plain");
    try (DesWriter w = DesWriter.create(out, WriterOptions.v1())) {
      w.addFile("f", "hello".getBytes(StandardCharsets.UTF_8), DesWriter.meta(meta));
    }
    try (DesReader r = DesReader.open(out)) {
      assertThat(r.getMeta("f").toString()).isEqualTo("{\"size\":5,\"mime\":\"text/plain\"}");
    }
  }

  @Test
  void bodiesFromStreamsAndFilesAreStreamed() throws IOException {
    Path src = tmp.resolve("src.bin");
    byte[] big = new byte[3 * 1024 * 1024 + 17];
    new Random(1).nextBytes(big);
    Files.write(src, big);
    Path out = tmp.resolve("big.des");
    try (DesWriter w = DesWriter.create(out, WriterOptions.v1())) {
      w.addFile("from-path", src, null);
      w.addFile("from-stream", new ByteArrayInputStream(big), null);
      assertThat(w.count()).isEqualTo(2);
    }
    try (DesReader r = DesReader.open(out)) {
      assertThat(r.getFile("from-path")).isEqualTo(big);
      try (InputStream in = r.openStream("from-stream")) {
        assertThat(in.skip(10)).isEqualTo(10);
        assertThat(in.read()).isEqualTo(big[10] & 0xff);
        byte[] rest = in.readAllBytes();
        assertThat(rest).hasSize(big.length - 11);
        assertThat(in.read()).isEqualTo(-1);
      }
      assertThatThrownBy(() -> r.getFile("missing")).isInstanceOf(NoSuchFileException.class);
    }
  }

  static LongStream seeds() {
    return LongStream.range(0, 40);
  }

  /** Property: random names (non-ASCII, long) and sizes (0 to several MiB) survive a round trip. */
  @ParameterizedTest
  @MethodSource("seeds")
  void randomContainersRoundTrip(long seed) throws IOException {
    Random rnd = new Random(seed);
    Map<String, byte[]> files = new LinkedHashMap<>();
    int n = rnd.nextInt(30);
    for (int i = 0; i < n; i++) {
      String name = randomName(rnd) + "#" + i;
      int size = switch (rnd.nextInt(4)) {
        case 0 -> 0;
        case 1 -> rnd.nextInt(300);
        case 2 -> rnd.nextInt(70_000);
        default -> rnd.nextInt(10) == 0 ? rnd.nextInt(4 << 20) : rnd.nextInt(5000);
      };
      byte[] body = new byte[size];
      rnd.nextBytes(body);
      files.put(name, body);
    }
    Path out = tmp.resolve("p" + seed + ".des");
    try (DesWriter w = DesWriter.create(out, WriterOptions.v1())) {
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        w.addFile(e.getKey(), e.getValue(), DesWriter.meta(Map.of("k", e.getKey())));
      }
    }
    try (DesReader r = DesReader.open(out)) {
      assertThat(r.listFiles()).containsExactlyElementsOf(files.keySet());
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        assertThat(r.getFile(e.getKey())).isEqualTo(e.getValue());
        assertThat(r.getMeta(e.getKey()).get("k").asText()).isEqualTo(e.getKey());
        assertThat(r.getMeta(e.getKey()).get("size").asLong()).isEqualTo(e.getValue().length);
      }
      List<String> some = List.copyOf(files.keySet()).subList(0, n / 2);
      Map<String, byte[]> batch = r.getFiles(some, rnd.nextInt(2) == 0 ? 0 : 1 << 20);
      for (String s : some) {
        assertThat(batch.get(s)).isEqualTo(files.get(s));
      }
      assertThat(r.verify().problems()).isEmpty();
    }
  }

  private static String randomName(Random rnd) {
    String alphabet = "abcXYZ019 _-.éüßøå名前日本語😀ÿ€";
    int len = rnd.nextInt(8) == 0 ? 1000 + rnd.nextInt(5000) : 1 + rnd.nextInt(20);
    StringBuilder sb = new StringBuilder();
    int[] cps = alphabet.codePoints().toArray();
    for (int i = 0; i < len; i++) {
      sb.appendCodePoint(cps[rnd.nextInt(cps.length)]);
    }
    return sb.toString();
  }
}
