package io.easystore.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.CorruptContainerException;
import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.ExternalBodyException;
import io.easystore.IndexEntry;
import io.easystore.ReaderOptions;
import io.easystore.VerifyReport;
import io.easystore.WriterOptions;
import io.easystore.codec.CodecId;
import io.easystore.internal.json.ReferenceJson;
import io.easystore.io.RangeSources;
import io.easystore.mutate.DesUpdater;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** External entries (bodies above the threshold stored as sibling files) in local containers, v1 and v2. */
class ExternalEntriesTest {
  static final int THRESHOLD = 1024;
  @TempDir Path dir;

  /** A body of {@code n} bytes, compressible or not, reproducible from {@code seed}. */
  static byte[] body(int n, long seed, boolean compressible) {
    byte[] b = new byte[n];
    Random r = new Random(seed);
    if (compressible) {
      for (int i = 0; i < n; i++) {
        b[i] = (byte) ('a' + r.nextInt(4));
      }
    } else {
      r.nextBytes(b);
    }
    return b;
  }

  /** Writes a container mixing inline and external entries, via byte[], streams and paths. */
  static Map<String, byte[]> writeMixed(DesWriter w, Path scratch) throws IOException {
    Map<String, byte[]> bodies = new java.util.LinkedHashMap<>();
    bodies.put("a-small.txt", body(100, 1, true));
    bodies.put("a-big.bin", body(5000, 2, false));
    bodies.put("b-zipped.txt", body(70_000, 3, true));
    bodies.put("b-streamed-small", body(THRESHOLD, 4, false));
    bodies.put("b-streamed-big", body(200_000, 5, false));
    bodies.put("c-file-big", body(3000, 6, true));
    bodies.put("c-empty", new byte[0]);
    ObjectNode m = ReferenceJson.object().put("owner", "x");
    w.addFile("a-small.txt", bodies.get("a-small.txt"), m);
    w.addFile("a-big.bin", bodies.get("a-big.bin"), m);
    w.addFile("b-zipped.txt", bodies.get("b-zipped.txt"), null);
    // Streams of unknown length: one ends exactly at the threshold, one goes beyond it.
    w.addFile("b-streamed-small", new ByteArrayInputStream(bodies.get("b-streamed-small")), null);
    w.addFile("b-streamed-big", new TrickleStream(bodies.get("b-streamed-big")), null);
    Path f = Files.write(scratch.resolve("input.bin"), bodies.get("c-file-big"));
    w.addFile("c-file-big", f, null);
    w.addFile("c-empty", new byte[0], null);
    return bodies;
  }

  static Path build(Path dir, int format, String name) throws IOException {
    WriterOptions o = (format == 1 ? WriterOptions.v1() : WriterOptions.defaults().withCodec(CodecId.ZSTD))
        .withExternalThreshold(THRESHOLD);
    Path target = dir.resolve(name);
    try (DesWriter w = DesWriter.create(target, o)) {
      writeMixed(w, dir);
    }
    return target;
  }

  static List<Path> siblingFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> p.toString().contains(".ext/") || p.toString().contains("_bigFiles/")).sorted().toList();
    }
  }

  @ParameterizedTest(name = "v{0}")
  @ValueSource(ints = {1, 2})
  void externalEntriesRoundTripThroughEveryReadPath(int format) throws IOException {
    Path c = build(dir, format, format == 1 ? "flat.des" : "tree.des");
    Map<String, byte[]> bodies;
    try (DesWriter w = DesWriter.create(dir.resolve("expected.des"), WriterOptions.defaults())) {
      bodies = writeMixed(w, dir);
    }
    List<Path> siblings = siblingFiles(dir);
    assertThat(siblings).hasSize(4);
    for (Path p : siblings) {
      // v1 puts them where the original DES readers look: _bigFiles/<name> beside the container.
      assertThat(dir.relativize(p).toString()).startsWith(format == 1 ? "_bigFiles/" : c.getFileName() + ".ext/");
    }
    try (DesReader r = DesReader.open(c)) {
      for (Map.Entry<String, byte[]> b : bodies.entrySet()) {
        String name = format == 1 ? b.getKey() : b.getKey();
        IndexEntry e = r.entry(name);
        boolean external = b.getValue().length > THRESHOLD;
        assertThat(e.isExternal()).as(name).isEqualTo(external);
        assertThat(r.getFile(name)).as(name).isEqualTo(b.getValue());
        try (InputStream in = r.openStream(name)) {
          assertThat(in.readAllBytes()).as(name).isEqualTo(b.getValue());
        }
        if (external) {
          assertThat(e.dataOffset()).isZero();
          JsonNode meta = r.getMeta(name);
          assertThat(meta.get("is_external").asBoolean()).isTrue();
          String key = meta.get("external_key").asText();
          assertThat(Files.size(c.resolveSibling(key))).isEqualTo(e.storedLength());
          assertThat(meta.get("size").asLong()).isEqualTo(b.getValue().length);
        }
      }
      assertThat(r.getMeta("a-big.bin").get("owner").asText()).isEqualTo("x");
      // A batch mixing inline and external members.
      Map<String, byte[]> got = r.getFiles(List.copyOf(bodies.keySet()));
      assertThat(got.keySet()).containsExactlyElementsOf(bodies.keySet());
      for (String n : bodies.keySet()) {
        assertThat(got.get(n)).as(n).isEqualTo(bodies.get(n));
      }
      VerifyReport report = r.verify();
      assertThat(report.problems()).isEmpty();
    }
  }

  @ParameterizedTest(name = "v{0}")
  @ValueSource(ints = {1, 2})
  void channelsSeekWithinExternalBodies(int format) throws IOException {
    Path c = build(dir, format, "seek.des");
    byte[] raw = body(200_000, 5, false);
    byte[] zipped = body(70_000, 3, true);
    try (DesReader r = DesReader.open(c)) {
      checkSeeks(r, "b-streamed-big", raw);
      checkSeeks(r, "b-zipped.txt", zipped);
    }
  }

  static void checkSeeks(DesReader r, String name, byte[] expected) throws IOException {
    try (SeekableByteChannel ch = r.newChannel(name)) {
      assertThat(ch.size()).isEqualTo(expected.length);
      for (long pos : new long[] {expected.length - 10, 5, 60_000, 0}) {
        ch.position(pos);
        ByteBuffer buf = ByteBuffer.allocate(8);
        int n = ch.read(buf);
        assertThat(n).isEqualTo(Math.min(8, (int) (expected.length - pos)));
        assertThat(java.util.Arrays.copyOf(buf.array(), n))
            .isEqualTo(java.util.Arrays.copyOfRange(expected, (int) pos, (int) pos + n));
      }
    }
  }

  @Test
  void anAbortedWriteLeavesNoSibling() throws IOException {
    Path target = dir.resolve("aborted.des");
    DesWriter w = DesWriter.create(target, WriterOptions.defaults().withExternalThreshold(THRESHOLD));
    w.addFile("x", body(5000, 1, false), null);
    w.addFile("y", body(5000, 2, false), null);
    assertThat(siblingFiles(dir)).hasSize(2);
    w.abort();
    assertThat(siblingFiles(dir)).isEmpty();
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.toList()).isEmpty();
    }
    DesWriter v1 = DesWriter.create(target, WriterOptions.v1().withExternalThreshold(THRESHOLD));
    v1.addFile("x", body(5000, 1, false), null);
    v1.abort();
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.toList()).isEmpty();
    }
  }

  @Test
  void aSinkWithoutSiblingsRefusesExternalBodiesWithAHint() throws IOException {
    io.easystore.io.ContainerSink plain = new MemorySink();
    DesWriter w = DesWriter.create(plain, WriterOptions.defaults().withExternalThreshold(THRESHOLD));
    assertThatThrownBy(() -> w.addFile("x", body(5000, 1, false), null))
        .isInstanceOf(IOException.class).hasMessageContaining("sibling");
    w.abort();
  }

  @Test
  void aMissingSiblingIsATypedErrorNamingContainerEntryAndKey() throws IOException {
    Path c = build(dir, 2, "missing.des");
    String key;
    try (DesReader r = DesReader.open(c)) {
      key = r.getMeta("a-big.bin").get("external_key").asText();
    }
    Files.delete(c.resolveSibling(key));
    try (DesReader r = DesReader.open(c)) {
      assertThatThrownBy(() -> r.getFile("a-big.bin")).isInstanceOf(ExternalBodyException.class)
          .hasMessageContaining(c.toString()).hasMessageContaining("a-big.bin").hasMessageContaining(key)
          .hasMessageContaining("missing");
      assertThatThrownBy(() -> r.getFiles(List.of("a-small.txt", "a-big.bin")))
          .isInstanceOf(ExternalBodyException.class);
      assertThat(r.getFile("a-small.txt")).hasSize(100);
      assertThat(r.verify().problems()).anyMatch(p -> p.contains("missing"));
    }
  }

  @Test
  void aSiblingOfTheWrongLengthIsATypedError() throws IOException {
    Path c = build(dir, 2, "replaced.des");
    String key;
    try (DesReader r = DesReader.open(c)) {
      key = r.getMeta("a-big.bin").get("external_key").asText();
    }
    Files.write(c.resolveSibling(key), new byte[10]);
    try (DesReader r = DesReader.open(c)) {
      assertThatThrownBy(() -> r.getFile("a-big.bin")).isInstanceOf(ExternalBodyException.class)
          .hasMessageContaining("10 bytes").hasMessageContaining("replaced");
      assertThatThrownBy(() -> r.newChannel("a-big.bin")).isInstanceOf(ExternalBodyException.class);
    }
  }

  @Test
  void aSiblingWithTheRightLengthButOtherBytesFailsItsChecksum() throws IOException {
    Path c = build(dir, 2, "flipped.des");
    String key;
    try (DesReader r = DesReader.open(c)) {
      key = r.getMeta("a-big.bin").get("external_key").asText();
    }
    Path s = c.resolveSibling(key);
    byte[] b = Files.readAllBytes(s);
    b[100] ^= 1;
    Files.write(s, b);
    try (DesReader r = DesReader.open(c, ReaderOptions.defaults())) {
      assertThatThrownBy(() -> r.getFile("a-big.bin")).isInstanceOf(CorruptContainerException.class)
          .hasMessageContaining("checksum");
    }
  }

  @ParameterizedTest(name = "key [{0}]")
  @ValueSource(strings = {"../x", "/etc/passwd", "s3://other/x", "a//b", "a\\b", "./a", "a/..", ""})
  void aHostileExternalKeyIsCorruptionNamingContainerOffsetAndEntry(String hostile) throws IOException {
    Files.write(dir.resolve("x"), new byte[5000]);
    Path c = HostileKeys.v1WithKey(dir, hostile, 5000);
    try (DesReader r = DesReader.open(c)) {
      IndexEntry e = r.entry("victim");
      assertThatThrownBy(() -> r.getFile("victim")).isInstanceOf(CorruptContainerException.class)
          .hasMessageContaining(c.toString()).hasMessageContaining("@ offset " + e.metaOffset())
          .hasMessageContaining("victim");
      assertThatThrownBy(() -> r.openStream("victim")).isInstanceOf(CorruptContainerException.class);
      assertThatThrownBy(() -> r.newChannel("victim")).isInstanceOf(CorruptContainerException.class);
    }
    Path v2 = HostileKeys.v2WithKey(dir, hostile);
    try (DesReader r = DesReader.open(v2)) {
      assertThatThrownBy(() -> r.getFile("victim")).isInstanceOf(CorruptContainerException.class)
          .hasMessageContaining(v2.toString()).hasMessageContaining("victim");
      assertThat(r.verify().problems()).isNotEmpty();
    }
  }

  @Test
  void longKeysAreRefused() throws IOException {
    String longKey = "a/".repeat(600) + "b";
    Path c = HostileKeys.v1WithKey(dir, longKey, 10);
    try (DesReader r = DesReader.open(c)) {
      assertThatThrownBy(() -> r.getFile("victim")).isInstanceOf(CorruptContainerException.class)
          .hasMessageContaining("longer than");
    }
  }

  @Test
  void updatesAndCompactionKeepExternalEntriesAsReferences() throws IOException {
    Path c = build(dir, 2, "mutable.des");
    byte[] big = body(5000, 2, false);
    String key;
    try (DesReader r = DesReader.open(c)) {
      key = r.getMeta("a-big.bin").get("external_key").asText();
    }
    try (DesUpdater u = DesUpdater.open(c)) {
      u.put("new.txt", "hello".getBytes(), null, io.easystore.EntryAttributes.NONE);
      u.delete("b-streamed-big");
      u.commit();
      try (DesReader v = u.view()) {
        assertThat(v.getFile("a-big.bin")).isEqualTo(big);
      }
      u.compact();
    }
    try (DesReader r = DesReader.open(c)) {
      assertThat(r.entry("a-big.bin").isExternal()).isTrue();
      assertThat(r.getFile("a-big.bin")).isEqualTo(big);
      assertThat(r.getFile("c-file-big")).isEqualTo(body(3000, 6, true));
      assertThat(r.getFile("new.txt")).isEqualTo("hello".getBytes());
      assertThat(r.contains("b-streamed-big")).isFalse();
      assertThat(r.verify().problems()).isEmpty();
    }
    // Deleting an external entry leaves its sibling (documented): other copies may refer to it.
    assertThat(Files.exists(c.resolveSibling(key))).isTrue();
    assertThat(siblingFiles(dir)).hasSize(4);
  }

  @Test
  void readersOverMemoryRefuseExternalBodiesWithATypedErrorNamingTheEntry() throws IOException {
    Path c = build(dir, 2, "mem.des");
    try (DesReader r = DesReader.open(RangeSources.memory("mem", Files.readAllBytes(c)), ReaderOptions.defaults())) {
      assertThat(r.getFile("a-small.txt")).hasSize(100);
      assertThatThrownBy(() -> r.getFile("a-big.bin")).isInstanceOf(ExternalBodyException.class)
          .hasMessageContaining("mem").hasMessageContaining("a-big.bin").hasMessageContaining("@ offset")
          .hasMessageContaining("cannot open sibling");
      assertThat(r.requestStats()).isEmpty();
    }
  }

  /** A stream that returns few bytes per read, like a network stream, and never reveals its length. */
  static final class TrickleStream extends InputStream {
    private final byte[] b;
    private int pos;

    TrickleStream(byte[] b) {
      this.b = b;
    }

    @Override
    public int read() {
      return pos < b.length ? b[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] dst, int off, int len) {
      if (pos >= b.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, 777), b.length - pos);
      System.arraycopy(b, pos, dst, off, n);
      pos += n;
      return n;
    }
  }

  /** A sink in memory, which cannot create siblings. */
  static final class MemorySink implements io.easystore.io.ContainerSink {
    private long position;

    @Override
    public String name() {
      return "memory";
    }

    @Override
    public void write(ByteBuffer src) {
      position += src.remaining();
      src.position(src.limit());
    }

    @Override
    public long position() {
      return position;
    }

    @Override
    public void publish() {}

    @Override
    public void close() {}
  }
}
