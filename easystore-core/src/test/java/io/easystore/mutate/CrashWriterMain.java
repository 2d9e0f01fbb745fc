package io.easystore.mutate;

import io.easystore.DesReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * The writer that {@link CrashKillTest} kills: opens (or creates) a container, prints "ready",
 * then runs seeded transactions of puts, deletes, renames and directory creations until killed,
 * with an occasional rollback and compaction. It appends to a journal, synced: "start DIGEST" for
 * the state it found, then around every commit "intent DIGEST" before {@code commit()} and
 * "commit DIGEST" after it returns, where DIGEST is {@link Digests#of} of the state committed.
 *
 * <p>Usage: {@code CrashWriterMain CONTAINER JOURNAL SEED}
 */
public final class CrashWriterMain {
  private CrashWriterMain() {}

  public static void main(String[] args) throws IOException {
    Path container = Path.of(args[0]);
    Path journal = Path.of(args[1]);
    Random rnd = new Random(Long.parseLong(args[2]));
    try (DesUpdater u = DesUpdater.open(container, UpdateOptions.defaults().withCreate(true));
        FileChannel log = FileChannel.open(journal, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND)) {
      TreeMap<String, byte[]> model;
      try (DesReader r = u.view()) {
        model = Digests.model(r);
      }
      // The state found at start is committed, whichever journal line the last kill left out.
      append(log, "start " + Digests.of(model));
      System.out.println("ready");
      System.out.flush();
      for (long txn = 0; ; txn++) {
        TreeMap<String, byte[]> before = new TreeMap<>(model);
        int ops = 1 + rnd.nextInt(6);
        for (int i = 0; i < ops; i++) {
          step(u, model, rnd);
        }
        if (rnd.nextInt(12) == 0) {
          u.rollback();
          model = before;
          continue;
        }
        String digest = Digests.of(model);
        append(log, "intent " + digest);
        if (rnd.nextInt(25) == 0) {
          u.compact();
        } else {
          u.commit();
        }
        append(log, "commit " + digest);
      }
    }
  }

  private static void append(FileChannel log, String line) throws IOException {
    log.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.US_ASCII)));
    log.force(false);
  }

  private static final String[] NAMES = {"a", "b", "c", "d", "e"};

  private static String path(Random rnd) {
    int depth = 1 + rnd.nextInt(3);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      sb.append(i > 0 ? "/" : "").append(NAMES[rnd.nextInt(NAMES.length)]);
    }
    return sb.toString();
  }

  private static boolean parentsAreDirs(TreeMap<String, byte[]> m, String p) {
    for (int s = p.indexOf('/'); s >= 0; s = p.indexOf('/', s + 1)) {
      String a = p.substring(0, s);
      if (m.containsKey(a) && m.get(a) != null) {
        return false;
      }
    }
    return true;
  }

  private static void addParents(TreeMap<String, byte[]> m, String p) {
    for (int s = p.indexOf('/'); s >= 0; s = p.indexOf('/', s + 1)) {
      m.putIfAbsent(p.substring(0, s), null);
    }
  }

  private static boolean hasChildren(TreeMap<String, byte[]> m, String d) {
    String k = m.ceilingKey(d + "/");
    return k != null && k.startsWith(d + "/");
  }

  /** One valid operation, applied to the updater and the model alike. */
  private static void step(DesUpdater u, TreeMap<String, byte[]> m, Random rnd) throws IOException {
    String p = path(rnd);
    int op = rnd.nextInt(10);
    if (op < 5) {
      if (!parentsAreDirs(m, p) || (m.containsKey(p) && m.get(p) == null)) {
        return;
      }
      int len = rnd.nextInt(20) == 0 ? 100_000 + rnd.nextInt(300_000) : rnd.nextInt(8000);
      byte[] b = new byte[len];
      for (int i = 0; i < len; i++) {
        b[i] = (byte) (rnd.nextInt(3) == 0 ? rnd.nextInt() : 'x');
      }
      u.put(p, b, null, null);
      addParents(m, p);
      m.put(p, b);
    } else if (op < 7) {
      if (!m.containsKey(p) || hasChildren(m, p)) {
        return;
      }
      u.delete(p);
      m.remove(p);
    } else if (op < 9) {
      String to = path(rnd);
      if (!m.containsKey(p) || m.containsKey(to) || to.startsWith(p + "/") || p.equals(to) || !parentsAreDirs(m, to)) {
        return;
      }
      u.rename(p, to, false);
      addParents(m, to);
      List<String> moved = new ArrayList<>(m.subMap(p + "/", p + "0").keySet());
      m.put(to, m.remove(p));
      for (String k : moved) {
        m.put(to + k.substring(p.length()), m.remove(k));
      }
    } else {
      if (!parentsAreDirs(m, p) || m.containsKey(p)) {
        return;
      }
      u.createDirectory(p, null);
      addParents(m, p);
      m.put(p, null);
    }
  }
}
