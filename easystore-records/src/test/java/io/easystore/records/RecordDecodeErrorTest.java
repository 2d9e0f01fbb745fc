package io.easystore.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.CorruptContainerException;
import io.easystore.codec.CodecId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A record the caller's type cannot decode is a type mismatch, never page damage. */
class RecordDecodeErrorTest {
  @TempDir Path dir;

  public record Order(String id, long amount) {}

  /** Three pages: JSON orders, then one plain-text record among orders, then orders again. */
  private List<Bookmark> write(Path p) throws IOException {
    List<Bookmark> marks = new ArrayList<>();
    try (RecordWriter w = RecordArchives.create(p, TestArchives.options(CodecId.ZSTD, 4096))) {
      for (int page = 0; page < 3; page++) {
        for (int i = 0; i < 5; i++) {
          marks.add(page == 1 && i == 2 ? w.append("not json at all") : w.appendJson(new Order("o" + page + i, i)));
        }
        w.flush();
      }
    }
    return marks;
  }

  @Test
  void aRecordOfAnotherTypeIsADecodeErrorNotCorruption() throws Exception {
    Path p = dir.resolve("orders.rec");
    Bookmark text = write(p).get(7);
    try (RecordReader r = RecordArchives.open(p, ReaderOptions.defaults())) {
      RecordCursor<Order> c = r.cursor(RecordTypes.json(Order.class));
      for (int i = 0; i < 7; i++) {
        assertThat(c.next()).isTrue();
      }
      assertThatThrownBy(c::next).isInstanceOf(RecordDecodeException.class)
          .isNotInstanceOf(CorruptContainerException.class)
          .hasMessageContaining(p.toString()).hasMessageContaining("@ offset " + text.pageOffset())
          .hasMessageContaining("record " + text).hasMessageContaining("Unrecognized token")
          .satisfies(e -> {
            RecordDecodeException d = (RecordDecodeException) e;
            assertThat(d.bookmark()).isEqualTo(text);
            assertThat(d.pageOffset()).isEqualTo(text.pageOffset());
            assertThat(d.archive()).isEqualTo(p.toString());
          });
      assertThatThrownBy(() -> r.get(text, RecordTypes.json(Order.class))).isInstanceOf(RecordDecodeException.class);
      // The same record is fine as text: nothing about the archive is wrong.
      assertThat(r.get(text, RecordTypes.utf8()).orElseThrow().value()).isEqualTo("not json at all");
    }
  }

  @Test
  void skipCorruptPagesDoesNotSkipHealthyPagesOnADecodeError() throws Exception {
    Path p = dir.resolve("orders.rec");
    Bookmark text = write(p).get(7);
    List<CorruptPageException> skipped = new ArrayList<>();
    ReaderOptions skipping = ReaderOptions.defaults().withSkipCorruptPages(true).withOnSkip(skipped::add);
    try (RecordReader r = RecordArchives.open(p, skipping)) {
      RecordCursor<Order> c = r.cursor(RecordTypes.json(Order.class));
      List<Order> seen = new ArrayList<>();
      assertThatThrownBy(() -> {
        while (c.next()) {
          seen.add(c.current().value());
        }
      }).isInstanceOf(RecordDecodeException.class).hasMessageContaining("record " + text);
      assertThat(seen).hasSize(7);
      assertThatThrownBy(() -> r.stream(RecordTypes.json(Order.class)).parallel().collect(Collectors.toList()))
          .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(RecordDecodeException.class);
      assertThatThrownBy(() -> RecordScans.mapReduce(r, RecordTypes.json(Order.class), 2, e -> 1L, 0L, Long::sum))
          .isInstanceOf(RecordDecodeException.class);
    }
    assertThat(skipped).as("nothing was reported as damage").isEmpty();
  }

  @Test
  void aThrowingDecoderAndMalformedTextAreDecodeErrors() throws Exception {
    Path p = dir.resolve("mixed.rec");
    Bookmark bin;
    try (RecordWriter w = RecordArchives.create(p, TestArchives.options(CodecId.NONE, 4096))) {
      w.append("fine");
      bin = w.append(new byte[] {(byte) 0xC3, (byte) 0x28});
    }
    RecordType<String> throwing = new RecordType<>() {
      @Override
      public byte[] encode(String value) {
        return value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      }

      @Override
      public String decode(byte[] buf, int off, int len) {
        throw new IllegalStateException("caller's decoder refuses");
      }
    };
    try (RecordReader r = RecordArchives.open(p, ReaderOptions.defaults().withSkipCorruptPages(true))) {
      assertThatThrownBy(() -> r.get(bin, RecordTypes.utf8())).isInstanceOf(RecordDecodeException.class)
          .hasMessageContaining("record " + bin);
      assertThatThrownBy(() -> r.cursor(throwing).next()).isInstanceOf(RecordDecodeException.class)
          .hasMessageContaining("caller's decoder refuses").hasCauseInstanceOf(IllegalStateException.class);
      assertThat(r.stream(RecordTypes.bytes()).count()).isEqualTo(2);
    }
  }
}
