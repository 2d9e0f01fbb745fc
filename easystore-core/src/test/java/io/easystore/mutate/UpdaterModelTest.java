package io.easystore.mutate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.EntryAttributes;
import io.easystore.IndexEntry;
import io.easystore.WriterOptions;
import io.easystore.codec.CodecId;
import io.easystore.internal.json.ReferenceJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random sequences of every operation (put, delete, mkdir, rename, attributes, commit,
 * rollback, reopen, compact) against an in-memory model of the namespace: after every step the
 * updater's view equals the pending model, and after every commit a fresh plain reader equals
 * the committed model and verifies clean. Replay one case with its seed.
 */
class UpdaterModelTest {
  @TempDir
  Path dir;

  /** A model entry: a directory (body null) or a file. */
  record Node(byte[] body, String meta, long mtime, int mode) {
    boolean isDir() {
      return body == null;
    }

    String describe() {
      String attrs = ":" + mtime + ":" + mode;
      return isDir() ? "D" + attrs : "F" + Arrays.hashCode(body) + "/" + body.length + ":" + meta + attrs;
    }
  }

  static Stream<Arguments> seeds() {
    return Stream.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L).map(Arguments::of);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomOperationSequencesMatchTheModel(long seed) throws IOException {
    Random rnd = new Random(seed);
    Path c = dir.resolve("model-" + seed + ".des");
    TreeMap<String, Node> committed = new TreeMap<>();
    WriterOptions wo = WriterOptions.defaults().withCodec(rnd.nextBoolean() ? CodecId.ZSTD : CodecId.NONE);
    try (DesWriter w = DesWriter.create(c, wo)) {
      for (int i = 0; i < rnd.nextInt(40); i++) {
        String p = randomPath(rnd);
        if (!committed.containsKey(p) && parentsFree(committed, p)) {
          byte[] b = body(rnd);
          w.addFile(p, b);
          addParents(committed, p);
          committed.put(p, new Node(b, null, EntryAttributes.NO_MTIME, EntryAttributes.NO_MODE));
        }
      }
    }
    TreeMap<String, Node> pending = new TreeMap<>(committed);
    UpdateOptions opts = UpdateOptions.defaults().withWriterOptions(wo);
    DesUpdater u = DesUpdater.open(c, opts);
    try {
      for (int step = 0; step < 160; step++) {
        String replay = "seed " + seed + " step " + step;
        int op = rnd.nextInt(100);
        if (op < 35) {
          put(u, pending, rnd, replay);
        } else if (op < 50) {
          delete(u, pending, pick(rnd, pending), replay);
        } else if (op < 58) {
          mkdir(u, pending, randomPath(rnd), rnd, replay);
        } else if (op < 70) {
          rename(u, pending, pick(rnd, pending), rnd.nextBoolean() ? randomPath(rnd) : pick(rnd, pending),
              rnd.nextBoolean(), replay);
        } else if (op < 75) {
          String p = pick(rnd, pending);
          EntryAttributes a = new EntryAttributes(rnd.nextInt(1_000_000), rnd.nextInt(01000));
          DesUpdater target = u;
          expect(replay, pending.containsKey(p) ? null : NoSuchFileException.class, () -> target.setAttributes(p, a));
          if (pending.containsKey(p)) {
            Node n = pending.get(p);
            pending.put(p, new Node(n.body(), n.meta(), a.mtimeMillis(), a.mode()));
          }
        } else if (op < 88) {
          u.commit();
          committed = new TreeMap<>(pending);
          assertThat(describe(c)).as(replay + " committed").isEqualTo(describe(committed));
        } else if (op < 92) {
          u.rollback();
          pending = new TreeMap<>(committed);
        } else if (op < 96) {
          u.close();
          u = DesUpdater.open(c, opts);
          pending = new TreeMap<>(committed);
        } else {
          SpaceStats s = u.compact();
          committed = new TreeMap<>(pending);
          assertThat(s.deadBytes()).as(replay).isZero();
          assertThat(s.deltaSegments()).as(replay).isZero();
          assertThat(describe(c)).as(replay + " compacted").isEqualTo(describe(committed));
        }
        try (DesReader v = u.view()) {
          assertThat(describe(v)).as(replay + " view").isEqualTo(describe(pending));
        }
      }
      u.commit();
      committed = new TreeMap<>(pending);
    } finally {
      u.close();
    }
    assertThat(describe(c)).isEqualTo(describe(committed));
  }

  private static final String[] NAMES = {"a", "b", "c", "dd", "e.txt", "f.bin", "g"};

  static String randomPath(Random rnd) {
    int depth = 1 + rnd.nextInt(3);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      if (i > 0) {
        sb.append('/');
      }
      sb.append(NAMES[rnd.nextInt(NAMES.length)]);
    }
    return sb.toString();
  }

  static String pick(Random rnd, TreeMap<String, Node> m) {
    if (m.isEmpty() || rnd.nextInt(10) == 0) {
      return randomPath(rnd);
    }
    Object[] keys = m.keySet().toArray();
    return (String) keys[rnd.nextInt(keys.length)];
  }

  static byte[] body(Random rnd) {
    int len = rnd.nextInt(8) == 0 ? 0 : rnd.nextInt(6000);
    byte[] b = new byte[len];
    for (int i = 0; i < len; i++) {
      b[i] = (byte) (rnd.nextInt(4) == 0 ? rnd.nextInt(256) : 'a' + rnd.nextInt(3));
    }
    return b;
  }

  static boolean parentsFree(Map<String, Node> m, String p) {
    for (String a = parent(p); !a.isEmpty(); a = parent(a)) {
      Node n = m.get(a);
      if (n != null && !n.isDir()) {
        return false;
      }
    }
    return true;
  }

  static void addParents(Map<String, Node> m, String p) {
    for (String a = parent(p); !a.isEmpty(); a = parent(a)) {
      m.putIfAbsent(a, new Node(null, null, EntryAttributes.NO_MTIME, EntryAttributes.NO_MODE));
    }
  }

  static String parent(String p) {
    int s = p.lastIndexOf('/');
    return s < 0 ? "" : p.substring(0, s);
  }

  static boolean hasChildren(TreeMap<String, Node> m, String d) {
    String k = m.ceilingKey(d + "/");
    return k != null && k.startsWith(d + "/");
  }

  interface Op {
    void run() throws IOException;
  }

  static void expect(String replay, Class<? extends IOException> error, Op op) throws IOException {
    if (error == null) {
      op.run();
      return;
    }
    try {
      op.run();
      fail(replay + ": expected " + error.getSimpleName());
    } catch (IOException e) {
      assertThat(e).as(replay).isInstanceOf(error);
    }
  }

  private void put(DesUpdater u, TreeMap<String, Node> m, Random rnd, String replay) throws IOException {
    String p = rnd.nextInt(3) == 0 ? pick(rnd, m) : randomPath(rnd);
    byte[] b = body(rnd);
    String meta = rnd.nextInt(4) == 0 ? "{\"k\":" + rnd.nextInt(100) + "}" : null;
    EntryAttributes a = rnd.nextBoolean() ? EntryAttributes.NONE : new EntryAttributes(rnd.nextInt(1 << 20), 0644);
    ObjectNode metaNode = meta == null ? null : (ObjectNode) ReferenceJson.MAPPER.readTree(meta);
    Class<? extends IOException> err = !parentsFree(m, p) ? NotDirectoryException.class
        : m.containsKey(p) && m.get(p).isDir() ? FileSystemException.class : null;
    boolean stream = rnd.nextInt(5) == 0;
    expect(replay, err, () -> {
      if (stream) {
        u.put(p, new ByteArrayInputStream(b), metaNode, a);
      } else {
        u.put(p, b, metaNode, a);
      }
    });
    if (err == null) {
      addParents(m, p);
      m.put(p, new Node(b, meta, a.mtimeMillis(), a.mode()));
    }
  }

  private void delete(DesUpdater u, TreeMap<String, Node> m, String p, String replay) throws IOException {
    Class<? extends IOException> err = !m.containsKey(p) ? NoSuchFileException.class
        : hasChildren(m, p) ? DirectoryNotEmptyException.class : null;
    expect(replay, err, () -> u.delete(p));
    if (err == null) {
      m.remove(p);
    }
  }

  private void mkdir(DesUpdater u, TreeMap<String, Node> m, String p, Random rnd, String replay) throws IOException {
    EntryAttributes a = new EntryAttributes(rnd.nextInt(1 << 20), 0755);
    Class<? extends IOException> err = !parentsFree(m, p) ? NotDirectoryException.class
        : m.containsKey(p) && !m.get(p).isDir() ? FileAlreadyExistsException.class : null;
    expect(replay, err, () -> u.createDirectory(p, a));
    if (err == null) {
      addParents(m, p);
      m.put(p, new Node(null, null, a.mtimeMillis(), a.mode()));
    }
  }

  private void rename(DesUpdater u, TreeMap<String, Node> m, String from, String to, boolean replace, String replay)
      throws IOException {
    Class<? extends IOException> err = null;
    if (!m.containsKey(from)) {
      err = NoSuchFileException.class;
    } else if (from.equals(to)) {
      err = null;
    } else if (to.startsWith(from + "/")) {
      err = FileSystemException.class;
    } else if (m.containsKey(to) && !replace) {
      err = FileAlreadyExistsException.class;
    } else if (m.containsKey(to) && m.get(to).isDir() && hasChildren(m, to)) {
      err = DirectoryNotEmptyException.class;
    } else if (!parentsFree(m, to)) {
      err = NotDirectoryException.class;
    }
    expect(replay, err, () -> u.rename(from, to, replace));
    if (err != null || from.equals(to)) {
      return;
    }
    m.remove(to);
    addParents(m, to);
    TreeMap<String, Node> moved = new TreeMap<>();
    for (Map.Entry<String, Node> e : m.entrySet()) {
      String k = e.getKey();
      if (k.equals(from) || k.startsWith(from + "/")) {
        moved.put(to + k.substring(from.length()), e.getValue());
      }
    }
    m.keySet().removeIf(k -> k.equals(from) || k.startsWith(from + "/"));
    m.putAll(moved);
  }

  static String describe(Map<String, Node> m) {
    StringBuilder sb = new StringBuilder();
    m.forEach((k, v) -> sb.append(k).append('=').append(v.describe()).append('\n'));
    return sb.toString();
  }

  static String describe(Path c) throws IOException {
    try (DesReader r = DesReader.open(c)) {
      assertThat(r.verify().problems()).isEmpty();
      return describe(r);
    }
  }

  static String describe(DesReader r) throws IOException {
    TreeMap<String, Node> m = new TreeMap<>();
    try (Stream<IndexEntry> s = r.entries()) {
      s.forEach(e -> {
        try {
          if (e.isDirectory()) {
            m.put(e.name(), new Node(null, null, e.mtimeMillis(), e.mode()));
          } else {
            ObjectNode meta = (ObjectNode) r.getMeta(e.name()).deepCopy();
            meta.remove("size");
            m.put(e.name(), new Node(r.getFile(e.name()), meta.isEmpty() ? null : meta.toString(), e.mtimeMillis(),
                e.mode()));
          }
        } catch (IOException x) {
          throw new UncheckedIOException(x);
        }
      });
    }
    return describe(m);
  }
}
