package io.easystore.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.CorruptContainerException;
import io.easystore.codec.CodecId;
import io.easystore.internal.bytes.ByteBuilder;
import io.easystore.internal.bytes.ByteCursor;
import io.easystore.io.RangeSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Record entries and key-index blocks read their varints with core's shared, canonical rule. */
class SharedVarintTest {
  @TempDir Path dir;

  @Test
  void nonCanonicalRecordVarintIsRejectedAsCorruption() throws Exception {
    Path p = dir.resolve("one.rec");
    String record = "r".repeat(200);
    Bookmark mark = TestArchives.write(p, TestArchives.options(CodecId.NONE, 4096), List.of(record)).get(0);
    byte[] b = Files.readAllBytes(p);
    int page = (int) mark.pageOffset();
    int len = Format.PAGE_FIXED + (b[page + 7] & 0xFF) + (b[page + 40] & 0xFF);
    int payload = page + len + 4;
    assertThat(new byte[] {b[payload], b[payload + 1], b[payload + 2], b[payload + 3]})
        .as("'@>' then 200 as a 2-byte varint").containsExactly('@', '>', 0xC8 - 256, 0x01);
    // 72 padded with a zero group: the old inline loop read it as a length and failed later, elsewhere.
    b[payload + 3] = 0;
    ByteBuilder.putLe32(b, page + Format.PAYLOAD_CRC_AT, Format.crc(b, payload, ByteCursor.getLe32(b, page + 32)));
    ByteBuilder.putLe32(b, page + len, Format.crc(b, page, len));
    try (RecordReader r = RecordArchives.open(RangeSources.memory("nc", b), ReaderOptions.defaults())) {
      assertThatThrownBy(() -> TestArchives.readAll(r)).isInstanceOf(CorruptContainerException.class)
          .hasMessageStartingWith("nc @ offset " + page).hasMessageContaining("bad record length varint")
          .hasMessageContaining("not canonical");
    }
  }

  @Test
  void recordVarintsAreReadByTheSharedCursor() throws Exception {
    // The longest record length a format-1 entry may carry is 5 bytes, whatever the value.
    byte[] six = {'@', '>', (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x00};
    assertThat(ByteCursor.varLongAt(six, 2, six.length, Format.MAX_ENTRY_VARINT)).isEqualTo(-1);
    assertThat(Format.MAX_ENTRY_OVERHEAD).isEqualTo(2 + Format.MAX_ENTRY_VARINT);
    Path p = dir.resolve("many.rec");
    List<String> recs = TestArchives.records(300, 11);
    List<Bookmark> marks = TestArchives.write(p, TestArchives.options(CodecId.NONE, 700), recs);
    try (RecordReader r = RecordArchives.open(RangeSources.memory("ok", Files.readAllBytes(p)),
        ReaderOptions.defaults())) {
      List<Entry<String>> got = TestArchives.readAll(r);
      assertThat(got).extracting(Entry::value).containsExactlyElementsOf(recs);
      assertThat(got).extracting(Entry::bookmark).containsExactlyElementsOf(marks);
    }
  }

  @Test
  void nonCanonicalIndexVarintIsRejectedAsCorruption() {
    IndexFormat.Input padded = new IndexFormat.Input(new byte[] {(byte) 0x85, 0x00, 0x05}, 0, 3);
    assertThat(padded.varlong()).isEqualTo(-1);
    byte[] canonical = new byte[12];
    int end = ByteBuilder.putVarLong(canonical, 0, Long.MAX_VALUE);
    assertThat(end).as("63 bits fill the 9-byte maximum").isEqualTo(IndexFormat.MAX_VARINT);
    ByteBuilder.putVarLong(canonical, end, 300);
    IndexFormat.Input in = new IndexFormat.Input(canonical, 0, canonical.length);
    assertThat(in.varlong()).isEqualTo(Long.MAX_VALUE);
    assertThat(in.varlong()).isEqualTo(300);
    assertThat(in.pos).isEqualTo(end + 2);
    byte[] ten = {-1, -1, -1, -1, -1, -1, -1, -1, -1, 0x01};
    assertThat(new IndexFormat.Input(ten, 0, ten.length).varlong()).as("above 9 bytes").isEqualTo(-1);
  }
}
