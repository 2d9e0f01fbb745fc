package io.easystore.els;

import static io.easystore.testing.FuzzChecks.attemptInTree;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.easystore.testing.FuzzChecks;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ELS stores as directory trees built from fuzz bytes (the file and directory names are the data):
 * records of (kind u8: 0 directory, 1 file, 2 relative symlink; u16 path length, path; u32 length,
 * contents or link target). Opening, listing, reading every key and bucket, exporting JSON and a
 * put/get round trip give values or typed, named errors; work is bounded by depth and count.
 */
class ElsStoreFuzzTest {
  static final int MAX_VISITS = 400;
  static final byte[] PROBE = "written by the fuzz target".getBytes(StandardCharsets.UTF_8);

  @FuzzTest(maxDuration = "5m")
  void storesFromArbitraryTreesReadOrFailTyped(byte[] tree) {
    FuzzChecks.bounded("ELS tree of " + tree.length + " bytes", () -> {
      Path dir = Files.createTempDirectory("esfuzz");
      try {
        Path root = dir.resolve("store");
        Files.createDirectories(root);
        unpack(tree, root);
        exercise(root);
      } finally {
        delete(dir);
      }
      return null;
    });
  }

  private static void exercise(Path root) {
    ElsOptions o = ElsOptions.defaults().withSync(false).withCreate(false);
    ElsStore store = attemptInTree("store", "open", () -> ElsStore.open(root, o));
    if (store == null) {
      return;
    }
    int[] visits = {0};
    ElsBucket top = attemptInTree("store", "root bucket", store::rootBucket);
    if (top != null) {
      walk(top, 0, visits);
    }
    attemptInTree("store", "export JSON", () -> JsonMapping.exportJson(store, false));
    ElsBucket probe = attemptInTree("store", "probe bucket", () -> store.bucket(List.of("fuzz-probe")));
    if (probe == null) {
      return;
    }
    Boolean put = attemptInTree("store", "put", () -> {
      probe.put("k", PROBE);
      return true;
    });
    if (put != null) {
      Optional<byte[]> back = attemptInTree("store", "get after put", () -> probe.get("k"));
      if (back != null && (back.isEmpty() || !Arrays.equals(back.get(), PROBE))) {
        FuzzChecks.defect("els-readback", "a value put into a damaged store reads back as "
            + back.map(b -> b.length + " other bytes").orElse("absent"), null);
      }
    }
  }

  private static void walk(ElsBucket b, int depth, int[] visits) {
    if (depth > 8 || visits[0]++ > MAX_VISITS) {
      return;
    }
    attemptInTree("store", "exists", b::exists);
    attemptInTree("store", "entries", b::entries);
    List<String> keys = attemptInTree("store", "keys", b::keys);
    for (String k : keys == null ? List.<String>of() : keys) {
      if (visits[0]++ > MAX_VISITS) {
        return;
      }
      attemptInTree("store", "get " + k, () -> b.get(k));
    }
    List<String> buckets = attemptInTree("store", "buckets", b::buckets);
    for (String n : buckets == null ? List.<String>of() : buckets) {
      ElsBucket child = attemptInTree("store", "bucket " + n, () -> b.bucket(n));
      if (child != null) {
        walk(child, depth + 1, visits);
      }
    }
  }

  /** Materialises the records under {@code root}; unsafe or unrepresentable names are dropped. */
  static void unpack(byte[] in, Path root) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(in);
    int count = 0;
    while (b.remaining() >= 7 && count++ < 300) {
      int kind = b.get() & 3;
      int pl = Math.min(b.getShort() & 0xFFFF, b.remaining());
      byte[] pb = new byte[pl];
      b.get(pb);
      if (b.remaining() < 4) {
        return;
      }
      int len = (int) Math.min(b.getInt() & 0xFFFF_FFFFL, b.remaining());
      byte[] body = new byte[len];
      b.get(body);
      Path p = safe(root, new String(pb, StandardCharsets.UTF_8));
      if (p == null) {
        continue;
      }
      try {
        Files.createDirectories(p.getParent());
        switch (kind) {
          case 0 -> Files.createDirectories(p);
          case 1 -> Files.write(p, body);
          default -> {
            String target = new String(body, StandardCharsets.UTF_8);
            if (!target.isEmpty() && !target.startsWith("/") && !target.contains("..") && target.indexOf('\0') < 0) {
              Files.createSymbolicLink(p, Paths.get(target));
            }
          }
        }
      } catch (java.nio.file.FileSystemException clash) {
        // A record clashing with an earlier one (a file where a directory is, a name too long) is
        // dropped: the tree is the input, and this tree cannot hold both.
      }
    }
  }

  private static Path safe(Path root, String path) {
    if (path.isEmpty() || path.indexOf('\0') >= 0 || path.startsWith("/") || path.length() > 1024) {
      return null;
    }
    for (String part : path.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..") || part.getBytes(StandardCharsets.UTF_8).length > 255) {
        return null;
      }
    }
    try {
      Path p = root.resolve(path).normalize();
      return p.startsWith(root) && p.getNameCount() - root.getNameCount() <= 12 ? p : null;
    } catch (java.nio.file.InvalidPathException e) {
      return null;
    }
  }

  static byte[] pack(Path root) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(buf);
    List<Path> all = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(p -> !p.equals(root)).sorted().forEach(all::add);
    }
    for (Path p : all) {
      byte[] name = root.relativize(p).toString().getBytes(StandardCharsets.UTF_8);
      byte[] body = Files.isDirectory(p) ? new byte[0] : Files.readAllBytes(p);
      out.writeByte(Files.isDirectory(p) ? 0 : 1);
      out.writeShort(name.length);
      out.write(name);
      out.writeInt(body.length);
      out.write(body);
    }
    return buf.toByteArray();
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * The seeds written by the current writer pass the target; with -Deasystore.fuzz.writeSeeds=true
   * they are written over the committed ones.
   */
  @Test
  void seedsFromTheCurrentWriterPassTheTarget(@TempDir Path tmp) throws IOException {
    Path out = Boolean.getBoolean("easystore.fuzz.writeSeeds") ? Files.createDirectories(Paths.get(
        "src/test/resources/io/easystore/els/ElsStoreFuzzTestInputs/storesFromArbitraryTreesReadOrFailTyped"))
        : Files.createDirectories(tmp.resolve("seeds"));
    ElsStore s = ElsStore.open(tmp.resolve("a"), ElsOptions.defaults().withSync(false));
    s.rootBucket().put("small", "v".getBytes(StandardCharsets.UTF_8));
    s.rootBucket().put("empty", new byte[0]);
    s.bucket(List.of("b", "c")).put("big", "0123456789".repeat(30).getBytes(StandardCharsets.UTF_8));
    s.bucket(List.of("b")).append("log", "line 1\n".getBytes(StandardCharsets.UTF_8));
    Files.write(out.resolve("seed-buckets"), pack(s.directory()));
    ElsStore j = ElsStore.open(tmp.resolve("j"), ElsOptions.defaults().withSync(false));
    JsonMapping.importJson(j, "{\"a\":{\"b\":{\"secret\":\"in-b\"}},\"arr\":[10,20,30],\"t\":true,\"n\":null}");
    Files.write(out.resolve("seed-json"), pack(j.directory()));
    for (String seed : new String[] {"seed-buckets", "seed-json"}) {
      storesFromArbitraryTreesReadOrFailTyped(Files.readAllBytes(out.resolve(seed)));
    }
  }
}
