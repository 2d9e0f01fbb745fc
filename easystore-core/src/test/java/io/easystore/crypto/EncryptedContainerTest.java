package io.easystore.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.EntryAttributes;
import io.easystore.IndexEntry;
import io.easystore.ReaderOptions;
import io.easystore.VerifyReport;
import io.easystore.WriterOptions;
import io.easystore.codec.CodecId;
import io.easystore.internal.json.ReferenceJson;
import io.easystore.io.RangeSources;
import io.easystore.testing.KeyLeaks;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Round trips of encrypted DES v2 containers through every read path, for every codec. */
public class EncryptedContainerTest {
  static final byte[] KEY = new byte[32];
  static final byte[] OTHER = new byte[32];

  static {
    new Random(1).nextBytes(KEY);
    new Random(2).nextBytes(OTHER);
  }

  public static final KeyProvider KEYS = KeyProviders.of("k1", KEY);

  @TempDir Path tmp;

  static Stream<Arguments> codecsAndScopes() {
    List<Arguments> out = new ArrayList<>();
    for (CodecId c : CodecId.values()) {
      out.add(Arguments.of(c, true));
      out.add(Arguments.of(c, false));
    }
    return out.stream();
  }

  /** Bodies of mixed sizes and compressibility, one above the streaming threshold. */
  static Map<String, byte[]> bodies(long seed, int n) {
    Random rnd = new Random(seed);
    Map<String, byte[]> m = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      int size = i % 50 == 0 ? rnd.nextInt(200_000) : rnd.nextInt(3000);
      byte[] b = new byte[size];
      if (i % 3 == 0) {
        rnd.nextBytes(b);
      } else {
        for (int j = 0; j < size; j++) {
          b[j] = (byte) ("abcdefgh".charAt((j / 7 + i) % 8));
        }
      }
      m.put("d" + (i % 7) + "/sub" + (i % 3) + "/file-" + i + (i % 2 == 0 ? ".txt" : ".json"), b);
    }
    m.put("empty.txt", new byte[0]);
    m.put("exact-chunk.bin", new byte[64 << 10]);
    return m;
  }

  private Path write(Map<String, byte[]> files, WriterOptions opts, byte[] large) throws IOException {
    Path out = tmp.resolve("c-" + System.nanoTime() + ".des");
    try (DesWriter w = DesWriter.create(out, opts)) {
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        ObjectNode meta = ReferenceJson.object();
        meta.put("name", e.getKey()).put("n", e.getValue().length);
        w.addFile(e.getKey(), e.getValue(), meta, new EntryAttributes(1_700_000_000_000L, 0644));
      }
      if (large != null) {
        w.addFile("large/stream.bin", new ByteArrayInputStream(large), null);
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0}, names protected: {1}")
  @MethodSource("codecsAndScopes")
  void everyReadPathReturnsTheOriginalBytes(CodecId codec, boolean protectIndex) throws IOException {
    Map<String, byte[]> files = bodies(codec.ordinal() * 2 + (protectIndex ? 1 : 0), 400);
    byte[] large = new byte[(5 << 20) + 123];
    new Random(7).nextBytes(large);
    Arrays.fill(large, 0, 1 << 20, (byte) 'x');
    Encryption enc = protectIndex ? Encryption.of("k1", KEYS) : Encryption.of("k1", KEYS).withNamesVisible();
    Path out = write(files, WriterOptions.defaults().withCodec(codec).withEncryption(enc), large);
    ReaderOptions ro = ReaderOptions.defaults().withKeys(KEYS);
    for (DesReader r : List.of(DesReader.open(out, ro),
        DesReader.open(RangeSources.memory("mem", Files.readAllBytes(out)), ro))) {
      try (r) {
        assertThat(r.encryption()).contains(new EncryptionInfo("AES-256-GCM", "k1", protectIndex, 64 << 10));
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
          assertThat(r.getFile(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
          try (InputStream in = r.openStream(e.getKey())) {
            assertThat(in.readAllBytes()).isEqualTo(e.getValue());
          }
          assertThat(r.getMeta(e.getKey()).get("name").asText()).isEqualTo(e.getKey());
          IndexEntry ie = r.entry(e.getKey());
          assertThat(ie.isEncrypted()).isTrue();
          assertThat(ie.mtimeMillis()).isEqualTo(1_700_000_000_000L);
        }
        assertThat(r.getFile("large/stream.bin")).isEqualTo(large);
        try (SeekableByteChannel ch = r.newChannel("large/stream.bin")) {
          ByteBuffer b = ByteBuffer.allocate(1000);
          ch.position(3_000_000);
          while (b.hasRemaining() && ch.read(b) > 0) {
            // fill
          }
          assertThat(b.array()).isEqualTo(Arrays.copyOfRange(large, 3_000_000, 3_001_000));
        }
        Map<String, byte[]> batch = r.getFiles(new ArrayList<>(files.keySet()).subList(0, 100));
        batch.forEach((k, v) -> assertThat(v).as(k).isEqualTo(files.get(k)));
        assertThat(r.listFiles()).hasSize(files.size() + 1);
        assertThat(r.list("d3/sub1", null, 1000)).isNotEmpty();
        VerifyReport v = r.verify();
        assertThat(v.problems()).isEmpty();
      }
    }
  }

  @Test
  void aMultiLevelEncryptedIndexReadsBack() throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int i = 0; i < 30_000; i++) {
      files.put("deep/" + "p".repeat(100) + "/f" + i, ("body-" + i).getBytes(StandardCharsets.UTF_8));
    }
    Path out = tmp.resolve("big.des");
    try (DesWriter w = DesWriter.create(out, WriterOptions.defaults().withEncryption(Encryption.of("k1", KEYS)))) {
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        w.addFile(e.getKey(), e.getValue());
      }
    }
    try (DesReader r = DesReader.open(out, ReaderOptions.defaults().withKeys(KEYS))) {
      assertThat(r.stats().indexLevels()).isGreaterThan(1);
      for (int i = 0; i < 30_000; i += 997) {
        String k = "deep/" + "p".repeat(100) + "/f" + i;
        assertThat(r.getFile(k)).isEqualTo(files.get(k));
      }
      try (Stream<IndexEntry> s = r.entries()) {
        assertThat(s.count()).isEqualTo(30_002);
      }
      assertThat(r.verify().problems()).isEmpty();
    }
  }

  @Test
  void protectedNamesAndBodiesDoNotAppearInTheFile() throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("secret-name-alpha.txt", "secret body bravo secret body bravo".getBytes(StandardCharsets.UTF_8));
    Path out = write(files, WriterOptions.defaults().withCodec(CodecId.NONE)
        .withEncryption(Encryption.of("k1", KEYS)), null);
    String raw = new String(Files.readAllBytes(out), StandardCharsets.ISO_8859_1);
    assertThat(raw).doesNotContain("secret-name-alpha").doesNotContain("secret body bravo").contains("k1");
    Path visible = write(files, WriterOptions.defaults().withCodec(CodecId.NONE)
        .withEncryption(Encryption.of("k1", KEYS).withNamesVisible()), null);
    String raw2 = new String(Files.readAllBytes(visible), StandardCharsets.ISO_8859_1);
    assertThat(raw2).contains("secret-name-alpha").doesNotContain("secret body bravo");
  }

  @Test
  void theKeyNeverAppearsInTheFileOrInErrors() throws IOException {
    Path out = write(bodies(8, 50), WriterOptions.defaults().withEncryption(Encryption.of("k1", KEYS)), null);
    byte[] file = Files.readAllBytes(out);
    String b64 = java.util.Base64.getEncoder().encodeToString(KEY);
    assertThat(KeyLeaks.indexOf(file, KEY)).as("raw key bytes in the file").isEqualTo(-1);
    assertThat(KeyLeaks.indexOf(file, b64.getBytes(StandardCharsets.US_ASCII))).as("base64 key in the file").isEqualTo(-1);
    byte[] flipped = file.clone();
    flipped[file.length / 3] ^= 4;
    List<String> messages = new ArrayList<>();
    for (byte[] bytes : List.of(file, flipped)) {
      for (ReaderOptions ro : List.of(ReaderOptions.defaults(), ReaderOptions.defaults().withKeys(KEYS),
          ReaderOptions.defaults().withKeys(KeyProviders.of("k1", OTHER)))) {
        try (DesReader r = DesReader.open(RangeSources.memory("scan", bytes), ro)) {
          messages.addAll(r.verify().problems());
          messages.add(String.valueOf(r.encryption()));
        } catch (IOException e) {
          messages.add(e.toString());
        }
      }
    }
    messages.add(KEYS.toString());
    for (String m : messages) {
      assertThat(m).doesNotContain(b64).doesNotContain(new String(KEY, StandardCharsets.ISO_8859_1));
    }
    assertThat(messages).anyMatch(m -> m.contains("k1"));
  }


  @Test
  void missingAndWrongKeysAreDistinctErrors() throws IOException {
    Path out = write(bodies(3, 20), WriterOptions.defaults().withEncryption(Encryption.of("k1", KEYS)), null);
    assertThatThrownBy(() -> DesReader.open(out))
        .isInstanceOfSatisfying(MissingKeyException.class, e -> {
          assertThat(e.reason()).isEqualTo(KeyUnavailableException.Reason.MISSING);
          assertThat(e.keyId()).isEqualTo("k1");
          assertThat(e.getMessage()).contains(out.toString());
        });
    assertThatThrownBy(() -> DesReader.open(out, ReaderOptions.defaults().withKeys(KeyProviders.of("k2", KEY))))
        .isInstanceOfSatisfying(KeyUnavailableException.class,
            e -> assertThat(e.reason()).isEqualTo(KeyUnavailableException.Reason.MISSING));
    assertThatThrownBy(() -> DesReader.open(out, ReaderOptions.defaults().withKeys(KeyProviders.of("k1", OTHER))))
        .isInstanceOfSatisfying(WrongKeyException.class, e -> {
          assertThat(e.reason()).isEqualTo(KeyUnavailableException.Reason.WRONG);
          assertThat(e.getMessage()).contains(out.toString());
        });
  }

  @Test
  void theNioFileSystemReadsEncryptedContainersAndRefusesToUpdateThem() throws IOException {
    Map<String, byte[]> files = bodies(6, 30);
    Path out = write(files, WriterOptions.defaults().withEncryption(Encryption.of("k1", KEYS)), null);
    java.net.URI uri = java.net.URI.create("des:" + out.toUri());
    try (java.nio.file.FileSystem fs = java.nio.file.FileSystems.newFileSystem(uri,
        Map.of("readOnly", "true", "readerOptions", ReaderOptions.defaults().withKeys(KEYS)))) {
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        assertThat(Files.readAllBytes(fs.getPath("/" + e.getKey()))).isEqualTo(e.getValue());
      }
      try (Stream<Path> s = Files.list(fs.getPath("/d1"))) {
        assertThat(s.count()).isEqualTo(3);
      }
    }
    assertThatThrownBy(() -> java.nio.file.FileSystems.newFileSystem(uri, Map.of()))
        .isInstanceOf(EncryptedContainerUpdateException.class).hasMessageContaining(out.toString());
  }

  @Test
  void externalBodiesAreSealedToo() throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    byte[] big = "external secret payload ".repeat(2000).getBytes(StandardCharsets.UTF_8);
    files.put("big/one.txt", big);
    files.put("small.txt", "inline".getBytes(StandardCharsets.UTF_8));
    Path out = write(files, WriterOptions.defaults().withExternalThreshold(10_000)
        .withEncryption(Encryption.of("k1", KEYS)), big);
    try (DesReader r = DesReader.open(out, ReaderOptions.defaults().withKeys(KEYS))) {
      assertThat(r.entry("big/one.txt").isExternal()).isTrue();
      assertThat(r.entry("big/one.txt").isEncrypted()).isTrue();
      assertThat(r.getFile("big/one.txt")).isEqualTo(big);
      assertThat(r.getFile("large/stream.bin")).isEqualTo(big);
      try (InputStream in = r.openStream("big/one.txt")) {
        assertThat(in.readAllBytes()).isEqualTo(big);
      }
      assertThat(r.getFiles(List.of("big/one.txt", "small.txt"))).hasSize(2);
      assertThat(r.verify().problems()).isEmpty();
    }
    List<Path> siblings;
    try (Stream<Path> s = Files.walk(out.resolveSibling(out.getFileName() + ".ext"))) {
      siblings = s.filter(Files::isRegularFile).toList();
    }
    assertThat(siblings).hasSize(2);
    for (Path p : siblings) {
      assertThat(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1)).doesNotContain("secret payload");
    }
  }

  @Test
  void plaintextContainersReportNoEncryption() throws IOException {
    Path out = write(bodies(4, 5), WriterOptions.defaults(), null);
    try (DesReader r = DesReader.open(out, ReaderOptions.defaults().withKeys(KEYS))) {
      assertThat(r.encryption()).isEmpty();
    }
  }
}
