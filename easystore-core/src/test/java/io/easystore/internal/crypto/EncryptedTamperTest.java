package io.easystore.internal.crypto;

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
import io.easystore.crypto.AuthenticationFailedException;
import io.easystore.crypto.BlockMovedException;
import io.easystore.crypto.BlockTruncatedException;
import io.easystore.crypto.EncryptedContainerTest;
import io.easystore.crypto.Encryption;
import io.easystore.crypto.KeyProvider;
import io.easystore.internal.json.ReferenceJson;
import io.easystore.io.RangeSources;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tamper evidence: every single-bit flip anywhere in a small encrypted container is detected by
 * opening it, reading everything and running {@code verify()}; moved, truncated and replayed
 * blocks give their own exception types.
 */
class EncryptedTamperTest {
  static final KeyProvider KEYS = EncryptedContainerTest.KEYS;
  static final ReaderOptions OPTS = ReaderOptions.defaults().withKeys(KEYS);

  @TempDir Path tmp;

  private Map<String, byte[]> files() {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("a.txt", "alpha alpha alpha alpha alpha".getBytes(StandardCharsets.UTF_8));
    m.put("dir/b.bin", new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
    m.put("dir/sub/c.json", "{\"k\":[1,2,3,4,5,6,7,8,9]}".getBytes(StandardCharsets.UTF_8));
    m.put("empty", new byte[0]);
    return m;
  }

  private byte[] write(boolean protectIndex, CodecId codec) throws IOException {
    Path out = tmp.resolve("t-" + protectIndex + codec + ".des");
    Encryption enc = Encryption.of("k1", KEYS);
    try (DesWriter w = DesWriter.create(out, WriterOptions.defaults().withCodec(codec)
        .withEncryption(protectIndex ? enc : enc.withNamesVisible()))) {
      for (Map.Entry<String, byte[]> e : files().entrySet()) {
        ObjectNode meta = ReferenceJson.object();
        meta.put("tag", e.getKey().length());
        w.addFile(e.getKey(), e.getValue(), meta, new EntryAttributes(1_600_000_000_000L, 0600));
      }
    }
    return Files.readAllBytes(out);
  }

  /** Whether reading everything and verifying notices that {@code bytes} differ from the original. */
  private boolean detected(byte[] bytes, Map<String, byte[]> expected) {
    try (DesReader r = DesReader.open(RangeSources.memory("tampered", bytes), OPTS)) {
      for (Map.Entry<String, byte[]> e : expected.entrySet()) {
        if (!Arrays.equals(r.getFile(e.getKey()), e.getValue())) {
          throw new AssertionError("tampered container returned wrong bytes for " + e.getKey());
        }
        JsonNode meta = r.getMeta(e.getKey());
        if (meta.get("tag").asInt() != e.getKey().length()) {
          throw new AssertionError("tampered container returned wrong metadata for " + e.getKey());
        }
        IndexEntry ie = r.entry(e.getKey());
        if (ie.mtimeMillis() != 1_600_000_000_000L || ie.mode() != 0600) {
          throw new AssertionError("tampered container returned wrong attributes for " + e.getKey());
        }
      }
      if (r.list("", null, 100).size() != 3 || r.list("dir", null, 100).size() != 2) {
        throw new AssertionError("tampered container lists different entries");
      }
      VerifyReport v = r.verify();
      return !v.problems().isEmpty();
    } catch (IOException e) {
      assertThat(e.getMessage()).contains("tampered");
      return true;
    }
  }

  @ParameterizedTest(name = "names protected: {0}")
  @ValueSource(booleans = {true, false})
  void everySingleBitFlipIsDetected(boolean protectIndex) throws IOException {
    for (CodecId codec : List.of(CodecId.NONE, CodecId.ZSTD)) {
      byte[] original = write(protectIndex, codec);
      Map<String, byte[]> expected = files();
      assertThat(detected(original, expected)).as("the untouched container verifies clean").isFalse();
      List<String> missed = new ArrayList<>();
      for (int bit = 0; bit < original.length * 8; bit++) {
        byte[] b = original.clone();
        b[bit >>> 3] ^= (byte) (1 << (bit & 7));
        if (!detected(b, expected)) {
          missed.add("byte " + (bit >>> 3) + " bit " + (bit & 7));
        }
      }
      assertThat(missed).as("flips not detected in a %d-byte container (%s)", original.length, codec).isEmpty();
    }
  }

  @Test
  void everyTruncationIsRefusedWithATypedError() throws IOException {
    byte[] original = write(true, CodecId.ZSTD);
    Map<String, byte[]> expected = files();
    List<Integer> missed = new ArrayList<>();
    for (int len = 0; len < original.length; len++) {
      if (!detected(Arrays.copyOf(original, len), expected)) {
        missed.add(len);
      }
    }
    assertThat(missed).as("truncations read as if whole").isEmpty();
  }

  /** Two bodies of equal length at different offsets. */
  private Path twins(int size) throws IOException {
    Path out = tmp.resolve("twins.des");
    try (DesWriter w = DesWriter.create(out, WriterOptions.defaults().withCodec(CodecId.NONE)
        .withEncryption(Encryption.of("k1", KEYS)))) {
      byte[] a = new byte[size];
      byte[] b = new byte[size];
      Arrays.fill(a, (byte) 'a');
      Arrays.fill(b, (byte) 'b');
      w.addFile("a", a);
      w.addFile("b", b);
    }
    return out;
  }

  @Test
  void swappedBodiesAreReportedAsMoved() throws IOException {
    Path out = twins(1000);
    byte[] bytes = Files.readAllBytes(out);
    long aAt;
    long bAt;
    int len;
    try (DesReader r = DesReader.open(out, OPTS)) {
      aAt = r.entry("a").dataOffset();
      bAt = r.entry("b").dataOffset();
      len = (int) r.entry("a").storedLength();
    }
    byte[] swapped = bytes.clone();
    System.arraycopy(bytes, (int) aAt, swapped, (int) bAt, len);
    System.arraycopy(bytes, (int) bAt, swapped, (int) aAt, len);
    try (DesReader r = DesReader.open(RangeSources.memory("swapped", swapped), OPTS)) {
      assertThatThrownBy(() -> r.getFile("a")).isInstanceOf(BlockMovedException.class)
          .hasMessageContaining("swapped").hasMessageContaining("'a'").hasMessageContaining("swapped @ offset");
    }
  }

  @Test
  void aBodyCutAtAChunkBoundaryIsReportedAsTruncated() throws IOException {
    UUID id = UUID.randomUUID();
    ContainerCipher c = new ContainerCipher(PageSealer.create("k1", KEYS), id, "mem", 1024, true);
    byte[] plain = new byte[3000];
    new Random(5).nextBytes(plain);
    byte[] sealed = c.sealBody(100, plain, 0, plain.length);
    assertThat(c.openBody(100, sealed, 0, sealed.length, "e")).isEqualTo(plain);
    int twoChunks = 2 * (1024 + ContainerCipher.BOX_OVERHEAD);
    assertThatThrownBy(() -> c.openBody(100, sealed, 0, twoChunks, "e"))
        .isInstanceOf(BlockTruncatedException.class).hasMessageContaining("cut short");
    assertThatThrownBy(() -> c.openBody(100, sealed, 0, 20, "e")).isInstanceOf(BlockTruncatedException.class);
    assertThatThrownBy(() -> c.openBody(101, sealed, 0, sealed.length, "e")).isInstanceOf(BlockMovedException.class);
    byte[] flipped = sealed.clone();
    flipped[40] ^= 1;
    assertThatThrownBy(() -> c.openBody(100, flipped, 0, flipped.length, "e"))
        .isExactlyInstanceOf(AuthenticationFailedException.class).hasMessageContaining("altered");
  }

  @Test
  void aBodyReplayedFromAnotherContainerIsReportedAsMoved() throws IOException {
    Path first = twins(500);
    byte[] one = Files.readAllBytes(first);
    Path second = twins(500);
    byte[] two = Files.readAllBytes(second);
    long at;
    int len;
    try (DesReader r = DesReader.open(second, OPTS)) {
      at = r.entry("a").dataOffset();
      len = (int) r.entry("a").storedLength();
    }
    // Same key, same offset, different container UUID: replaying the first container's body fails.
    System.arraycopy(one, (int) at, two, (int) at, len);
    try (DesReader r = DesReader.open(RangeSources.memory("replayed", two), OPTS)) {
      assertThatThrownBy(() -> r.getFile("a")).isInstanceOf(BlockMovedException.class);
    }
  }
}
