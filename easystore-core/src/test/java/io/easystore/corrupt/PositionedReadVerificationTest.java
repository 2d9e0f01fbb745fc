package io.easystore.corrupt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.CorruptContainerException;
import io.easystore.DesReader;
import io.easystore.IndexEntry;
import io.easystore.DesWriter;
import io.easystore.ReaderOptions;
import io.easystore.WriterOptions;
import io.easystore.codec.CodecId;
import io.easystore.io.RangeSources;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A seekable channel never returns bytes of a damaged body, whatever positions it reads at. */
class PositionedReadVerificationTest {
  private static final int SIZE = 130_890;

  @TempDir Path tmp;

  private Path damaged(CodecId codec, boolean external) throws IOException {
    Path c = tmp.resolve("c-" + codec + "-" + external + ".des");
    byte[] body = new byte[SIZE];
    Random rnd = new Random(3);
    for (int i = 0; i < body.length; i++) {
      // Text-like bytes: compressible, but with enough variety that a flip does not break zstd framing.
      body[i] = (byte) ('a' + rnd.nextInt(20));
    }
    WriterOptions o = WriterOptions.defaults().withCodec(codec);
    if (external) {
      o = o.withExternalThreshold(10);
    }
    try (DesWriter w = DesWriter.create(c, o)) {
      w.addFile("big.log", body, null);
    }
    IndexEntry e;
    try (DesReader r = DesReader.open(c)) {
      e = r.entry("big.log");
    }
    Path target = external ? Files.list(tmp.resolve(c.getFileName() + ".ext")).findFirst().orElseThrow() : c;
    Path file = external ? Files.walk(target).filter(Files::isRegularFile).findFirst().orElseThrow() : c;
    byte[] b = Files.readAllBytes(file);
    long at = (external ? 0 : e.dataOffset()) + e.storedLength() / 2;
    b[(int) at] ^= 0x04;
    Files.write(file, b);
    return c;
  }

  @Test
  void positionedReadsOfADamagedRawBodyFailTyped() throws IOException {
    Path c = damaged(CodecId.NONE, false);
    try (DesReader r = DesReader.open(c)) {
      assertEveryPositionedReadFails(r, c);
    }
    try (DesReader r = DesReader.open(RangeSources.mmap(c), ReaderOptions.defaults())) {
      assertEveryPositionedReadFails(r, c);
    }
  }

  @Test
  void positionedReadsOfADamagedExternalRawBodyFailTyped() throws IOException {
    Path c = damaged(CodecId.NONE, true);
    try (DesReader r = DesReader.open(c)) {
      assertEveryPositionedReadFails(r, c);
    }
  }

  @Test
  void positionedReadsOfADamagedCompressedBodyFailTyped() throws IOException {
    Path c = damaged(CodecId.DEFLATE, false);
    try (DesReader r = DesReader.open(c)) {
      assertEveryPositionedReadFails(r, c);
    }
  }

  @Test
  void seekThenFullSequentialReadOfADamagedBodyFails() throws IOException {
    Path c = damaged(CodecId.NONE, false);
    try (DesReader r = DesReader.open(c); SeekableByteChannel ch = r.newChannel("big.log")) {
      ch.position(SIZE / 2);
      assertThatThrownBy(() -> ch.read(ByteBuffer.allocate(16))).isInstanceOf(CorruptContainerException.class);
      ch.position(0);
      ByteBuffer all = ByteBuffer.allocate(SIZE);
      assertThatThrownBy(() -> {
        while (all.hasRemaining() && ch.read(all) >= 0) {
          // keep reading
        }
      }).isInstanceOf(CorruptContainerException.class);
    }
  }

  @Test
  void desFileSystemPositionedReadOfADamagedBodyFails() throws IOException {
    Path c = damaged(CodecId.NONE, false);
    try (FileSystem fs = FileSystems.newFileSystem(c, Map.of("readOnly", "true"));
        SeekableByteChannel ch = Files.newByteChannel(fs.getPath("/big.log"))) {
      ch.position(SIZE / 2 + 3);
      assertThatThrownBy(() -> ch.read(ByteBuffer.allocate(16)))
          .isInstanceOf(CorruptContainerException.class).hasMessageContaining("big.log");
    }
  }

  @Test
  void positionedReadsOfAnIntactBodyReturnItsBytes() throws IOException {
    Path c = tmp.resolve("ok.des");
    byte[] body = new byte[SIZE];
    new Random(4).nextBytes(body);
    try (DesWriter w = DesWriter.create(c, WriterOptions.defaults().withCodec(CodecId.NONE))) {
      w.addFile("big.log", body, null);
    }
    try (DesReader r = DesReader.open(c); SeekableByteChannel ch = r.newChannel("big.log")) {
      Random rnd = new Random(5);
      for (int k = 0; k < 200; k++) {
        int pos = rnd.nextInt(SIZE);
        ByteBuffer b = ByteBuffer.allocate(Math.min(64, SIZE - pos));
        ch.position(pos).read(b);
        assertThat(b.array()).isEqualTo(java.util.Arrays.copyOfRange(body, pos, pos + b.capacity()));
      }
    }
  }

  private static void assertEveryPositionedReadFails(DesReader r, Path c) throws IOException {
    Random rnd = new Random(6);
    for (int k = 0; k < 60; k++) {
      // Any start but 0 (reading from 0 is the sequential case, checked when it reaches the end).
      long pos = k == 0 ? 1 : k == 1 ? SIZE - 1 : 1 + rnd.nextInt(SIZE - 1);
      try (SeekableByteChannel ch = r.newChannel("big.log")) {
        ch.position(pos);
        ByteBuffer b = ByteBuffer.allocate(16);
        assertThatThrownBy(() -> ch.read(b)).as("read at " + pos)
            .isInstanceOf(CorruptContainerException.class)
            .hasMessageContaining(c.toString()).hasMessageContaining("big.log");
        // And again: a known-damaged body stays refused.
        assertThatThrownBy(() -> ch.read(b)).isInstanceOf(CorruptContainerException.class);
      }
    }
  }
}
