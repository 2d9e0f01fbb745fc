package io.easystore.corrupt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.CorruptContainerException;
import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.IndexEntry;
import io.easystore.ReaderOptions;
import io.easystore.WriterOptions;
import io.easystore.internal.bytes.ByteBuilder;
import io.easystore.internal.bytes.Checksums;
import io.easystore.internal.v2.MetaRecord;
import io.easystore.internal.v2.V2Paths;
import io.easystore.io.RangeSources;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metadata records must not pass as another entry's: a shifted meta region (or an offset landing
 * on a neighbour's record of the same length) gives a typed error, not the neighbour's metadata
 * (which for an external entry includes its {@code external_key}).
 */
class MetadataBindingTest {
  @TempDir
  Path tmp;

  private byte[] equalLengthMeta() throws IOException {
    Path out = tmp.resolve("m.des");
    try (DesWriter w = DesWriter.create(out, WriterOptions.defaults())) {
      for (int i = 0; i < 6; i++) {
        w.addFile("d0/f" + i + ".txt", ("body " + i).getBytes(StandardCharsets.UTF_8),
            DesWriter.meta(Map.of("tag", "t" + i)));
      }
    }
    return Files.readAllBytes(out);
  }

  private static List<IndexEntry> files(DesReader r) {
    try (Stream<IndexEntry> s = r.entries()) {
      return s.filter(e -> !e.isDirectory()).collect(Collectors.toList());
    }
  }

  @Test
  void shiftedMetaRegionDoesNotReturnTheNeighboursMetadata() throws IOException {
    byte[] c = equalLengthMeta();
    int record;
    long metaAt;
    try (DesReader r = DesReader.open(RangeSources.memory("m.des", c), ReaderOptions.defaults())) {
      IndexEntry f3 = r.entry("d0/f3.txt");
      record = (int) f3.metaLength() + 4;
      metaAt = f3.metaOffset();
      assertThat(r.getMeta("d0/f3.txt").get("tag").asText()).isEqualTo("t3");
    }
    // Insert one record's length inside the data region: every record moves up by one slot.
    byte[] m = new byte[c.length + record];
    System.arraycopy(c, 0, m, 0, 40);
    System.arraycopy(c, 40, m, 40 + record, c.length - 40);
    try (DesReader r = DesReader.open(RangeSources.memory("m.des", m), ReaderOptions.defaults())) {
      assertThatThrownBy(() -> r.getMeta("d0/f3.txt"))
          .isInstanceOfSatisfying(CorruptContainerException.class, e -> {
            assertThat(e.container()).isEqualTo("m.des");
            assertThat(e.offset()).isEqualTo(metaAt);
            assertThat(e.entry()).isEqualTo("d0/f3.txt");
          });
    }
  }

  @Test
  void recordsOfEarlierWritersStillRead() throws IOException {
    byte[] c = equalLengthMeta();
    try (DesReader r = DesReader.open(RangeSources.memory("m.des", c), ReaderOptions.defaults())) {
      for (IndexEntry e : files(r)) {
        int at = (int) e.metaOffset();
        int len = (int) e.metaLength();
        byte[] key = V2Paths.lookupKey(e.name());
        assertThat(ByteBuffer.wrap(c, at + len, 4).order(ByteOrder.LITTLE_ENDIAN).getInt())
            .as("format 2 CRC").isEqualTo(MetaRecord.boundCrc(key, key.length, c, at, len));
        // Format 1: the CRC of the JSON alone.
        ByteBuilder.putLe32(c, at + len, Checksums.crc32c(c, at, len, c, 0, 0));
      }
    }
    try (DesReader r = DesReader.open(RangeSources.memory("m.des", c), ReaderOptions.defaults())) {
      assertThat(r.getMeta("d0/f3.txt").get("tag").asText()).isEqualTo("t3");
      assertThat(r.verify().problems()).isEmpty();
    }
  }

  @Test
  void swappedRecordOfEqualLengthIsRefusedEvenWithValidCrcs() throws IOException {
    byte[] c = equalLengthMeta();
    byte[] m = c.clone();
    try (DesReader r = DesReader.open(RangeSources.memory("m.des", c), ReaderOptions.defaults())) {
      IndexEntry f2 = r.entry("d0/f2.txt");
      IndexEntry f3 = r.entry("d0/f3.txt");
      int n = (int) f3.metaLength() + 4;
      System.arraycopy(c, (int) f2.metaOffset(), m, (int) f3.metaOffset(), n);
    }
    try (DesReader r = DesReader.open(RangeSources.memory("m.des", m), ReaderOptions.defaults())) {
      assertThatThrownBy(() -> r.getMeta("d0/f3.txt")).isInstanceOf(CorruptContainerException.class)
          .hasMessageContaining("belongs to another entry");
      assertThat(r.getMeta("d0/f2.txt").get("tag").asText()).isEqualTo("t2");
    }
  }

  @Test
  void v1MetadataWhoseSizeIsAnotherBodysIsRefused() throws IOException {
    byte[] c = new V1Bytes().add("a.txt", new byte[] {1}, null).add("b.txt", new byte[] {1, 2}, null).build();
    ByteBuffer foot = ByteBuffer.wrap(c, c.length - 72, 72).order(ByteOrder.LITTLE_ENDIAN);
    int index = (int) foot.getLong(c.length - 72 + 48);
    ByteBuffer b = ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN);
    int first = index + 2 + 5;
    long aMeta = b.getLong(first + 16);
    int second = first + 36;
    b.putLong(second + 2 + 5 + 16, aMeta);
    try (DesReader r = DesReader.open(RangeSources.memory("v1.des", c), ReaderOptions.defaults())) {
      assertThat(r.getMeta("a.txt").get("size").asInt()).isEqualTo(1);
      assertThatThrownBy(() -> r.getMeta("b.txt")).isInstanceOfSatisfying(CorruptContainerException.class,
          e -> assertThat(e.entry()).isEqualTo("b.txt"));
    }
  }
}
