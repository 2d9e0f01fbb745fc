package io.easystore.mutate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.EntryAttributes;
import io.easystore.IndexEntry;
import io.easystore.ReaderOptions;
import io.easystore.WriterOptions;
import io.easystore.codec.CodecId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RewriterTest {
  @TempDir Path dir;

  static final byte[] BIG = new byte[300_000];

  static {
    new Random(42).nextBytes(BIG);
    for (int i = 0; i < BIG.length; i += 3) {
      BIG[i] = 'a';
    }
  }

  Path sample(WriterOptions o) throws Exception {
    Path c = dir.resolve("c.des");
    try (DesWriter w = DesWriter.create(c, o)) {
      w.addDirectory("empty", new EntryAttributes(1_600_000_000_000L, 0750));
      w.addFile("docs/a.txt", "alpha alpha alpha alpha".getBytes(StandardCharsets.UTF_8),
          DesWriter.meta(Map.of("mime", "text/plain", "n", 7)), new EntryAttributes(1_700_000_000_000L, 0640));
      w.addFile("docs/big.bin", new java.io.ByteArrayInputStream(BIG), null, EntryAttributes.NONE);
      w.addFile("gone.txt", "to be deleted".getBytes(StandardCharsets.UTF_8));
    }
    try (DesUpdater u = DesUpdater.open(c)) {
      u.delete("gone.txt");
      u.commit();
    }
    return c;
  }

  static void assertSameContent(Path c) throws Exception {
    try (DesReader r = DesReader.open(c)) {
      assertThat(r.listFiles()).containsExactlyInAnyOrder("docs/a.txt", "docs/big.bin");
      assertThat(r.getFile("docs/a.txt")).asString(StandardCharsets.UTF_8).isEqualTo("alpha alpha alpha alpha");
      assertThat(r.getFile("docs/big.bin")).isEqualTo(BIG);
      assertThat(r.getMeta("docs/a.txt").get("mime").asText()).isEqualTo("text/plain");
      assertThat(r.getMeta("docs/a.txt").get("n").asInt()).isEqualTo(7);
      assertThat(r.entry("docs/a.txt").attributes()).isEqualTo(new EntryAttributes(1_700_000_000_000L, 0640));
      IndexEntry empty = r.entry("empty");
      assertThat(empty.isDirectory()).isTrue();
      assertThat(empty.attributes()).isEqualTo(new EntryAttributes(1_600_000_000_000L, 0750));
      assertThat(r.contains("gone.txt")).isFalse();
      assertThat(r.verify().ok()).isTrue();
    }
  }

  @Test
  void aCodecChangeKeepsEveryEntryMetadataAndAttribute() throws Exception {
    Path c = sample(WriterOptions.defaults().withCodec(CodecId.NONE));
    Path out = dir.resolve("out.des");
    Rewriter.Result r = Rewriter.rewrite(c, ReaderOptions.defaults(), out,
        WriterOptions.defaults().withCodec(CodecId.DEFLATE));
    assertThat(r.files()).isEqualTo(2);
    assertThat(r.directories()).isGreaterThanOrEqualTo(1);
    assertThat(r.bytes()).isEqualTo(BIG.length + 23);
    assertSameContent(out);
    try (DesReader before = DesReader.open(c); DesReader after = DesReader.open(out)) {
      assertThat(before.entry("docs/big.bin").isCompressed()).isFalse();
      assertThat(after.entry("docs/big.bin").isCompressed()).isTrue();
    }
    assertThat(Files.size(out)).isLessThan(Files.size(c));
  }

  @Test
  void inPlaceRewriteReplacesTheFileAtomicallyAndLeavesNoTemporaries() throws Exception {
    Path c = sample(WriterOptions.defaults());
    Rewriter.rewrite(c, ReaderOptions.defaults(), c, WriterOptions.defaults().withCodec(CodecId.NONE));
    assertSameContent(c);
    try (DesReader r = DesReader.open(c)) {
      assertThat(r.entry("docs/big.bin").isCompressed()).isFalse();
    }
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .allMatch(n -> n.equals("c.des") || n.equals("c.des.lock"));
    }
  }

  @Test
  void aFailedRewriteLeavesTheTargetUntouched() throws Exception {
    Path c = sample(WriterOptions.defaults());
    byte[] before = Files.readAllBytes(c);
    // DES v1 has no directories, so copying 'empty' fails midway.
    assertThatThrownBy(() -> Rewriter.rewrite(c, ReaderOptions.defaults(), c, WriterOptions.v1()))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(Files.readAllBytes(c)).isEqualTo(before);
    try (var files = Files.list(dir)) {
      assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
    }
  }

  @Test
  void anInPlaceRewriteWaitsForNoUpdater() throws Exception {
    Path c = sample(WriterOptions.defaults());
    try (DesUpdater u = DesUpdater.open(c)) {
      assertThatThrownBy(() -> Rewriter.rewrite(c, ReaderOptions.defaults(), c, WriterOptions.defaults()))
          .isInstanceOf(ContainerLockedException.class);
    }
  }

  @Test
  void v1ContainersBecomeV2() throws Exception {
    Path v1 = dir.resolve("old.des");
    try (DesWriter w = DesWriter.create(v1, WriterOptions.v1())) {
      w.addFile("one", "1".getBytes(StandardCharsets.UTF_8), DesWriter.meta(Map.of("k", "v")));
      w.addFile("two", BIG);
    }
    Path v2 = dir.resolve("new.des");
    Rewriter.rewrite(v1, ReaderOptions.defaults(), v2, WriterOptions.defaults());
    try (DesReader r = DesReader.open(v2)) {
      assertThat(r.formatVersion()).isEqualTo(2);
      assertThat(r.getFile("two")).isEqualTo(BIG);
      assertThat(r.getMeta("one").get("k").asText()).isEqualTo("v");
    }
  }
}
