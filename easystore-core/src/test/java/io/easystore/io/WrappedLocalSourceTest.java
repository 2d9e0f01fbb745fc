package io.easystore.io;

import io.easystore.internal.io.LockFiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.ReaderOptions;
import io.easystore.mutate.DesUpdater;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a local source offers (crash-tail recovery, leases) survives wrapping it in a ForwardingRangeSource. */
class WrappedLocalSourceTest {
  @TempDir Path tmp;

  private Path updated() throws IOException {
    Path c = tmp.resolve("u.des");
    try (DesWriter w = DesWriter.create(c)) {
      w.addFile("a", "alpha".getBytes(StandardCharsets.UTF_8));
    }
    try (DesUpdater u = DesUpdater.open(c)) {
      u.put("b", "beta".getBytes(StandardCharsets.UTF_8), null, null);
      u.commit();
    }
    return c;
  }

  private static RangeSource wrap(RangeSource s) {
    return new ForwardingRangeSource(s) {};
  }

  @Test
  void wrappedLocalSourceReportsItsPath() throws IOException {
    Path c = updated();
    try (RangeSource f = wrap(RangeSources.file(c)); RangeSource m = wrap(wrap(RangeSources.mmap(c)))) {
      assertThat(f.localPath()).contains(c);
      assertThat(m.localPath()).contains(c);
      assertThat(RangeSources.localPath(f)).isEqualTo(c);
    }
    assertThat(RangeSources.memory("m", new byte[1]).localPath()).isEmpty();
  }

  @Test
  void wrappedLocalSourceStillRecoversFromATornCommitTail() throws IOException {
    Path c = updated();
    // What a crash in the middle of the next commit leaves: bytes after the last complete commit.
    Files.write(c, new byte[300], StandardOpenOption.APPEND);
    try (DesReader r = DesReader.open(wrap(RangeSources.file(c)), ReaderOptions.defaults())) {
      assertThat(r.listFiles()).containsExactly("a", "b");
      assertThat(new String(r.getFile("b"), StandardCharsets.UTF_8)).isEqualTo("beta");
    }
    try (DesReader r = DesReader.open(wrap(RangeSources.mmap(c)), ReaderOptions.defaults())) {
      assertThat(r.listFiles()).containsExactly("a", "b");
    }
  }

  /** Probe4 of the 2026-12 review: a wrapper switched off crash-tail recovery and leases. */
  @Test
  void forwardingWrapperKeepsCrashTailRecoveryAndLeases() throws IOException {
    Path c = updated();
    Files.write(c, new byte[300], StandardOpenOption.APPEND);
    java.util.List<String> direct;
    try (DesReader r = DesReader.open(c)) {
      direct = r.listFiles();
    }
    assertThat(direct).containsExactly("a", "b");
    try (java.io.Closeable writer = Location.of(c.getParent()).lockWriter(c.getFileName().toString()).orElseThrow()) {
      try (DesReader r = DesReader.open(new ForwardingRangeSource(RangeSources.file(c)) {}, ReaderOptions.defaults())) {
        assertThat(r.listFiles()).as("the same entries as DesReader.open(path)").isEqualTo(direct);
        assertThat(new String(r.getFile("b"), StandardCharsets.UTF_8)).isEqualTo("beta");
        try (LockFiles.Guard g = LockFiles.guard(c, 1_000_000)) {
          assertThat(g.limit()).as("the wrapped reader holds a lease").isLessThan(1_000_000);
        }
      }
    }
  }

  @Test
  void wrappedLocalSourceStillLeasesItsGeneration() throws IOException {
    Path c = updated();
    try (java.io.Closeable writer = LockFiles.writer(c)) {
      try (DesReader r = DesReader.open(wrap(RangeSources.file(c)), ReaderOptions.defaults())) {
        assertThat(r.listFiles()).containsExactly("a", "b");
        try (LockFiles.Guard g = LockFiles.guard(c, 1_000_000)) {
          assertThat(g.limit()).as("the open reader's lease keeps its space from reuse").isLessThan(1_000_000);
        }
      }
      try (LockFiles.Guard g = LockFiles.guard(c, 1_000_000)) {
        assertThat(g.limit()).as("closing the reader ends its lease").isEqualTo(1_000_000);
      }
    }
  }
}
