package io.easystore.corrupt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.CorruptContainerException;
import io.easystore.DesReader;
import io.easystore.ExternalBodyException;
import io.easystore.LimitExceededException;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lengths from the index are hostile input: impossible ones are typed corruption, never an allocation or an OOM. */
class HostileLengthTest {
  @TempDir Path tmp;

  @Test
  void desFileSystemDoesNotAllocateAnImpossibleLength() throws IOException {
    // ~40 stored bytes cannot decompress to 2 GiB: refused from the lengths alone, before any read.
    Path c = LyingEntries.compressedWithOriginalLength(tmp, (1L << 31) - 16, 0);
    assertNioRefuses(c);
  }

  @Test
  void desFileSystemDoesNotAllocateAPlausibleButFalseLength() throws IOException {
    // ~2.5 KiB stored could in principle hold 2 GiB of zeros: the channel proves the length first.
    Path c = LyingEntries.compressedWithOriginalLength(tmp, (1L << 31) - 16, 2500);
    try (DesReader r = DesReader.open(c)) {
      assertThat(r.entry("big").storedLength()).isGreaterThan(((1L << 31) - 16) >> 20);
    }
    assertNioRefuses(c);
  }

  private static void assertNioRefuses(Path c) throws IOException {
    try (FileSystem fs = FileSystems.newFileSystem(c, Map.of("readOnly", "true"))) {
      Path big = fs.getPath("/big");
      assertThatThrownBy(() -> Files.readAllBytes(big))
          .isInstanceOf(CorruptContainerException.class)
          .hasMessageContaining(c.toString()).hasMessageContaining("big").hasMessageContaining("@ offset");
      assertThatThrownBy(() -> Files.readString(big)).isInstanceOf(CorruptContainerException.class);
      assertThatThrownBy(() -> {
        try (SeekableByteChannel ch = Files.newByteChannel(big)) {
          ch.size();
        }
      }).isInstanceOf(CorruptContainerException.class);
    }
  }

  @Test
  void impossibleLengthIsCorruptionNotAPlainIOException() throws IOException {
    Path c = LyingEntries.compressedWithOriginalLength(tmp, 1L << 34, 0);
    try (DesReader r = DesReader.open(c)) {
      for (ThrowingRead read : List.<ThrowingRead>of(() -> r.getFile("big"), () -> r.openStream("big"),
          () -> r.newChannel("big"), () -> r.getFiles(List.of("big"), 0))) {
        assertThatThrownBy(read::run).isInstanceOf(CorruptContainerException.class)
            .isNotInstanceOf(LimitExceededException.class)
            .hasMessageContaining(c.toString()).hasMessageContaining("[entry 'big']")
            .hasMessageContaining("cannot decompress to the recorded length 17179869184");
      }
    }
  }

  @Test
  void plausibleLengthTooLargeForAnArrayIsALimitNamingTheWayOut() throws IOException {
    Path c = LyingEntries.compressedWithOriginalLength(tmp, 1L << 31, 2500);
    try (DesReader r = DesReader.open(c)) {
      assertThatThrownBy(() -> r.getFile("big")).isInstanceOf(LimitExceededException.class)
          .hasMessageContaining(c.toString()).hasMessageContaining("[entry 'big']")
          .hasMessageContaining("openStream");
      assertThatThrownBy(() -> r.getFiles(List.of("big"), 0)).isInstanceOf(LimitExceededException.class)
          .hasMessageContaining("maxBatchBytes");
      // The stream, which allocates nothing from the length, finds the lie at the body's end.
      assertThatThrownBy(() -> r.openStream("big").readAllBytes()).isInstanceOf(CorruptContainerException.class);
    }
  }

  @Test
  void externalEntryWithNonZeroDataOffsetIsRefusedNamingTheContainer() throws IOException {
    Path c = LyingEntries.externalWithDataOffset(tmp);
    try (DesReader r = DesReader.open(c)) {
      for (ThrowingRead read : List.<ThrowingRead>of(() -> r.getFile("victim"), () -> r.openStream("victim"),
          () -> drain(r.newChannel("victim")))) {
        assertThatThrownBy(read::run).isInstanceOf(ExternalBodyException.class)
            .hasMessageContaining(c.toString()).hasMessageContaining("[entry 'victim']")
            .hasMessageContaining("data_offset 1");
      }
    }
  }

  private static Object drain(SeekableByteChannel ch) throws IOException {
    try (ch) {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8192);
      while (ch.read(b.clear()) >= 0) {
        // read it all
      }
    }
    return null;
  }

  @FunctionalInterface
  interface ThrowingRead {
    Object run() throws IOException;
  }
}
