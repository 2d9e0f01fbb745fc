package io.easystore.fuzz;

import static io.easystore.testing.FuzzChecks.typed;

import io.easystore.CorruptContainerException;
import io.easystore.DesReader;
import io.easystore.IndexEntry;
import io.easystore.ReaderOptions;
import io.easystore.VerifyReport;
import io.easystore.io.RangeSource;
import io.easystore.io.RangeSources;
import io.easystore.tree.FileTree;
import io.easystore.tree.FileTrees;
import io.easystore.tree.WalkEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads one possibly hostile container through every reading path (file, memory, mmap, the
 * {@code des:} file system, {@link FileTrees}, batch reads, verify) and checks that each path
 * gives the same bytes as the others or a typed error, and that a body the direct read refuses is
 * never returned whole by another path. Bodies are read through bounded streams first, so that only
 * a body that really holds more than {@link #MAX_BODY} bytes is skipped by the whole-array paths;
 * a claimed size alone never skips them (that is how an allocation from an unverified field would
 * show up). Not thread-safe; one instance per input.
 */
final class ReadPaths {
  static final int MAX_BODY = 4 << 20;
  static final ReaderOptions OPTIONS = io.easystore.testing.HostileInput.SMALL_LIMITS
      .withPageCacheBytes(1 << 20);

  private final String name;
  private final Path file;
  private final ReaderOptions options;
  /** Listed name -> body read directly from memory, or null when that read failed (typed). */
  private final Map<String, byte[]> bodies = new LinkedHashMap<>();
  private final List<String> tooLarge = new ArrayList<>();
  private int formatVersion;
  private Map<String, byte[]> truth;
  private Map<String, com.fasterxml.jackson.databind.JsonNode> truthMeta;
  private boolean detected;

  ReadPaths(Path dir, String name, byte[] bytes, ReaderOptions options) throws IOException {
    this.name = name;
    this.file = dir.resolve(name);
    this.options = options;
    Files.write(file, bytes);
  }

  /**
   * Declares the pristine contents: every body or metadata returned as success must equal them,
   * and no name outside them may come back with data (the checksummed and encrypted formats promise
   * detection, so damage must never read as different data).
   */
  ReadPaths expecting(Map<String, byte[]> bodies, Map<String, com.fasterxml.jackson.databind.JsonNode> meta) {
    this.truth = bodies;
    this.truthMeta = meta;
    return this;
  }

  /** Whether any step refused the input (an exception or a verify problem). */
  boolean detected() {
    return detected;
  }

  private <T> T step(String what, FuzzStep<T> s) {
    try {
      return s.run();
    } catch (Throwable t) {
      typed(t, name, what);
      detected = true;
      return null;
    }
  }

  /** Runs every path; returns false when the container does not even open from memory. */
  boolean exerciseAll(byte[] bytes) {
    // The file reader is the reference: it is the only one that also reaches external siblings.
    DesReader direct = step("open file", () -> DesReader.open(file, options));
    if (direct == null) {
      step("open memory", () -> closeQuietly(DesReader.open(RangeSources.memory(name, bytes), options)));
      step("open tree", () -> closeQuietly(FileTrees.open(file, options)));
      return false;
    }
    try (DesReader r = direct) {
      direct(r);
    } catch (IOException e) {
      throw new AssertionError(name + ": close failed", e);
    }
    compareReader("memory", () -> DesReader.open(RangeSources.memory(name, bytes), options));
    compareReader("mmap", () -> {
      RangeSource s = RangeSources.mmap(file);
      try {
        return DesReader.open(s, options);
      } catch (IOException | RuntimeException e) {
        s.close();
        throw e;
      }
    });
    nio();
    tree();
    return true;
  }

  private void direct(DesReader r) {
    formatVersion = r.formatVersion();
    step("stats", r::stats);
    step("entries", () -> {
      try (Stream<IndexEntry> all = r.entries()) {
        return all.count();
      }
    });
    boolean damaged = false;
    for (String n : r.listFiles()) {
      byte[] body = step("stream " + n, () -> listed(n, () -> bounded(r.openStream(n))));
      bodies.put(n, body);
      if (body == null) {
        damaged = damaged || isCorruption(() -> bounded(r.openStream(n)));
        continue;
      }
      checkTruth("openStream", n, body);
      if (body.length > MAX_BODY) {
        tooLarge.add(n);
        continue;
      }
      byte[] whole = step("getFile " + n, () -> r.getFile(n));
      if (whole != null && !Arrays.equals(whole, body)) {
        io.easystore.testing.FuzzChecks.defect("paths-disagree", name + ": getFile and openStream disagree for " + n,
            null);
      }
      com.fasterxml.jackson.databind.JsonNode meta = step("meta " + n, () -> r.getMeta(n));
      if (truthMeta != null && meta != null && !java.util.Objects.equals(normal(truthMeta.get(n)), normal(meta))) {
        io.easystore.testing.FuzzChecks.defect("wrong-meta", name + ": getMeta('" + n + "') returned " + meta
            + " but the pristine metadata is " + truthMeta.get(n), null);
      }
      step("entry " + n, () -> r.entry(n));
    }
    for (String n : r.listFiles()) {
      if (!tooLarge.contains(n)) {
        channel("channel " + n, n, () -> r.newChannel(n));
      }
    }
    List<String> small = r.listFiles().stream().filter(n -> !tooLarge.contains(n)).toList();
    Map<String, byte[]> batch = step("getFiles", () -> r.getFiles(small));
    if (batch != null) {
      batch.forEach((n, b) -> same("getFiles", n, b));
    }
    VerifyReport report = step("verify", r::verify);
    if (report != null && !report.ok()) {
      detected = true;
    }
    if (damaged && formatVersion == 2 && report != null && report.ok()) {
      io.easystore.testing.FuzzChecks.defect("verify-ok-on-damage",
          name + ": a body read failed as corrupt but verify() reported OK", null);
    }
  }

  private static boolean isCorruption(FuzzStep<?> s) {
    try {
      s.run();
      return false;
    } catch (CorruptContainerException e) {
      // A limit or a version error is not a CorruptContainerException, so it never counts here.
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  @FunctionalInterface
  interface FuzzStep<T> {
    T run() throws Exception;
  }

  private static Object normal(com.fasterxml.jackson.databind.JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode() ? null : n;
  }

  private void checkTruth(String path, String n, byte[] got) {
    if (truth == null) {
      return;
    }
    byte[] want = truth.get(n);
    if (want == null) {
      io.easystore.testing.FuzzChecks.defect("wrong-name", name + ": " + path + " returned data for '" + n
          + "', a name the pristine container does not have", null);
      return;
    }
    if (!Arrays.equals(want, got)) {
      io.easystore.testing.FuzzChecks.defect(path.contains("after seeks") ? "seeked-channel" : "wrong-data",
          name + ": " + path + " returned damaged bytes for '" + n + "' as success (" + got.length
          + " bytes, pristine " + want.length + ")", null);
    }
  }

  /** Checks that {@code got} (returned as success by {@code path}) equals the direct read. */
  private void same(String path, String n, byte[] got) {
    if (!bodies.containsKey(n)) {
      if (truth != null) {
        checkTruth(path, n, got);
      }
      return;
    }
    checkTruth(path, n, got);
    byte[] want = bodies.get(n);
    if (want == null) {
      io.easystore.testing.FuzzChecks.defect(path.contains("after seeks") ? "seeked-channel" : "refused-then-read",
          name + ": " + path + " returned " + got.length + " bytes for '" + n
          + "' although the direct read refused it as damaged", null);
      return;
    }
    if (!Arrays.equals(want, got)) {
      io.easystore.testing.FuzzChecks.defect("paths-disagree", name + ": " + path + " returned different bytes for '"
          + n + "' (" + got.length + " vs " + want.length + ")", null);
    }
  }

  /**
   * Reads a channel with seeks: the second half, then everything again from position 0. The full
   * re-read is compared (and must fail if the direct read failed); partial reads only need to be
   * consistent with the direct read when it succeeded.
   */
  private void channel(String what, String n, FuzzStep<SeekableByteChannel> open) {
    step(what, () -> {
      try (SeekableByteChannel ch = open.run()) {
        long size = ch.size();
        long mid = Math.min(size / 2, MAX_BODY);
        ch.position(mid);
        byte[] tail = drain(ch, 64 << 10);
        byte[] want = bodies.get(n);
        if (want != null && mid <= want.length) {
          byte[] expect = Arrays.copyOfRange(want, (int) mid, (int) Math.min(want.length, mid + tail.length));
          if (!Arrays.equals(expect, tail)) {
            io.easystore.testing.FuzzChecks.defect("paths-disagree",
                name + ": " + what + " after position(" + mid + ") returned other bytes", null);
          }
        }
        ch.position(0);
        byte[] all = drain(ch, MAX_BODY + 1);
        if (all.length <= MAX_BODY) {
          same(what + " (full re-read after seeks)", n, all);
        }
      }
      return null;
    });
  }

  /**
   * A source that cannot reach external siblings (memory) says so with a plain IOException; that is
   * reported under its own id, so that a campaign can look past it without hiding other plain ones.
   */
  private static <T> T siblings(String path, FuzzStep<T> read) throws Exception {
    try {
      return read.run();
    } catch (IOException e) {
      if (e.getClass() == IOException.class && String.valueOf(e.getMessage()).contains("cannot open sibling")) {
        io.easystore.testing.FuzzChecks.defect("memory-source-external", path + ": an external entry read from a"
            + " source without siblings fails with a plain IOException: " + e.getMessage(), e);
        return null;
      }
      throw e;
    }
  }

  /** A name the reader listed itself must never be reported as missing (a lookup/listing split). */
  private <T> T listed(String n, FuzzStep<T> read) throws Exception {
    try {
      return read.run();
    } catch (java.nio.file.NoSuchFileException e) {
      io.easystore.testing.FuzzChecks.defect("listed-but-missing", name + ": '" + n
          + "' is listed but reading it says no such file: " + e.getMessage(), e);
      throw e;
    }
  }

  private static byte[] drain(SeekableByteChannel ch, int max) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(8192);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    while (out.size() < max) {
      buf.clear().limit(Math.min(8192, max - out.size()));
      int k = ch.read(buf);
      if (k < 0) {
        break;
      }
      out.write(buf.array(), 0, k);
    }
    return out.toByteArray();
  }

  private static byte[] bounded(InputStream in) throws IOException {
    try (InputStream s = in) {
      return s.readNBytes(MAX_BODY + 1);
    }
  }

  private void compareReader(String path, FuzzStep<DesReader> open) {
    DesReader r = step("open " + path, open);
    if (r == null) {
      return;
    }
    try (DesReader reader = r) {
      for (String n : reader.listFiles()) {
        if (tooLarge.contains(n)) {
          continue;
        }
        byte[] b = step(path + " getFile " + n, () -> siblings(path, () -> reader.getFile(n)));
        if (b != null) {
          same(path + " getFile", n, b);
        }
      }
      step(path + " verify", reader::verify);
    } catch (IOException e) {
      throw new AssertionError(name + ": close of " + path + " reader failed", e);
    }
  }

  private void nio() {
    FileSystem fs = step("des: newFileSystem", () -> FileSystems.newFileSystem(
        java.net.URI.create("des:" + file.toUri()), Map.of("readOnly", "true", "readerOptions", options)));
    if (fs == null) {
      return;
    }
    try (FileSystem f = fs) {
      List<Path> files = step("des: walk", () -> {
        try (Stream<Path> all = Files.walk(f.getPath("/"))) {
          return all.filter(Files::isRegularFile).toList();
        }
      });
      for (Path p : files == null ? List.<Path>of() : files) {
        String n = p.toString().substring(1);
        if (tooLarge.contains(n)) {
          continue;
        }
        byte[] b = step("des: readAllBytes " + n, () -> listed(n, () -> Files.readAllBytes(p)));
        if (b != null) {
          same("des: Files.readAllBytes", n, b);
        }
        step("des: attributes " + n, () -> Files.readAttributes(p, "*"));
        channel("des: newByteChannel " + n, n, () -> Files.newByteChannel(p));
      }
    } catch (IOException e) {
      throw new AssertionError(name + ": close of des: file system failed", e);
    }
  }

  private void tree() {
    FileTree t = step("tree open", () -> FileTrees.open(file, options));
    if (t == null) {
      return;
    }
    try (FileTree tree = t) {
      List<WalkEntry> all = step("tree walk", () -> {
        try (Stream<WalkEntry> w = tree.walk("")) {
          return w.toList();
        }
      });
      for (WalkEntry e : all == null ? List.<WalkEntry>of() : all) {
        for (String f : e.files()) {
          String n = e.path().isEmpty() ? f : e.path() + "/" + f;
          if (tooLarge.contains(n)) {
            continue;
          }
          byte[] b = step("tree readAllBytes " + n, () -> listed(n, () -> tree.readAllBytes(n)));
          if (b != null) {
            same("FileTree.readAllBytes", n, b);
          }
          channel("tree channel " + n, n, () -> tree.newChannel(n));
        }
      }
    } catch (IOException e) {
      throw new AssertionError(name + ": close of tree failed", e);
    }
  }

  private static Object closeQuietly(java.io.Closeable c) throws IOException {
    c.close();
    return null;
  }
}
