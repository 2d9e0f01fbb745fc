package io.easystore.els;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.easystore.CorruptContainerException;
import io.easystore.internal.bytes.Framing;
import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.LimitExceededException;
import io.easystore.WriterOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Moves a whole ELS store into one DES v1 container and back, so that its data can travel as one
 * object. Every bucket (the root included) and every value becomes one entry, depth-first in
 * order; metadata {@code {"els":1,"kind":...,"ordinal":...}} keeps what the names cannot.
 *
 * <p>Entry names are {@code b} (buckets) or {@code v} (values) followed by {@code ;NAME} for each
 * name on the path, where NAME is percent-encoded (UTF-8 bytes as {@code %XX}) for '%', ';', the
 * characters DES v1 forbids ({@code / \ : * ? " < > |}) and control characters: the root is
 * {@code b}, value "name" of bucket ["users", "0"] is {@code v;users;0;name}. Stateless and
 * thread-safe.
 */
public final class DesBridge {
  static final int BRIDGE_VERSION = 1;
  private static final int MAX_DES_NAME_BYTES = 65535;
  private static final String FORBIDDEN = "%;/\\:*?\"<>|";

  private DesBridge() {}

  /** Writes every bucket and value of {@code store} into a new container at {@code out}. */
  public static void toDes(ElsStore store, Path out) throws IOException {
    FileElsStore s = JsonMapping.impl(store);
    // v1 on purpose: flat names and per-entry JSON metadata, readable by the reference tools.
    DesWriter w = DesWriter.create(out, WriterOptions.v1());
    try {
      w.addFile("b", new byte[0], meta(s.rootKind(), 0));
      walk(s, w, s.directory(), new ArrayList<>());
    } catch (IOException | RuntimeException | Error e) {
      try {
        w.abort();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    w.close();
  }

  private static void walk(FileElsStore s, DesWriter w, Path dir, List<String> path) throws IOException {
    for (FileElsStore.Child c : s.children(dir)) {
      String name = c.entry().name();
      path.add(name);
      if (c.entry().isBucket()) {
        w.addFile(name(true, path, s), new byte[0], meta(c.entry().kind(), c.entry().ordinal()));
        walk(s, w, c.dir(), path);
      } else {
        RecordDir.Committed v = s.readValue(dir, name, true);
        if (v == null) {
          throw s.records.corrupt(c.dir(), "value disappeared during the copy");
        }
        w.addFile(name(false, path, s), v.value(), meta(v.header().kind(), v.header().ordinal()));
      }
      path.remove(path.size() - 1);
    }
  }

  private static ObjectNode meta(ElsKind kind, long ordinal) {
    ObjectNode m = JsonNodeFactory.instance.objectNode();
    m.put("els", BRIDGE_VERSION);
    m.put("kind", kind.name().toLowerCase(Locale.ROOT));
    m.put("ordinal", ordinal);
    return m;
  }

  static String name(boolean bucket, List<String> path, FileElsStore s) throws LimitExceededException {
    StringBuilder sb = new StringBuilder(bucket ? "b" : "v");
    for (String t : path) {
      sb.append(';');
      for (int i = 0; i < t.length(); i++) {
        char c = t.charAt(i);
        if (c < 0x20 || c == 0x7F || FORBIDDEN.indexOf(c) >= 0) {
          sb.append('%').append(String.format(Locale.ROOT, "%02X", (int) c));
        } else {
          sb.append(c);
        }
      }
    }
    String n = sb.toString();
    int len = n.getBytes(StandardCharsets.UTF_8).length;
    if (len > MAX_DES_NAME_BYTES) {
      throw new LimitExceededException(s.directory().toString(), CorruptContainerException.NO_OFFSET,
          JsonPointers.format(path), "DES entry name length in bytes", len, MAX_DES_NAME_BYTES,
          "nothing: DES v1 fixes it; use shorter keys or a shallower tree");
    }
    return n;
  }

  /** One entry of a container, parsed and checked before anything is written. */
  private record Item(String entry, boolean bucket, List<String> path, ElsKind kind, long ordinal) {}

  /**
   * Replaces the content of {@code store} with the container at {@code in} (written by
   * {@link #toDes}). The whole container is checked first, so a container that is not an ELS
   * copy leaves the store untouched.
   */
  public static void fromDes(Path in, ElsStore store) throws IOException {
    FileElsStore s = JsonMapping.impl(store);
    try (DesReader r = DesReader.open(in)) {
      List<Item> items = check(r, s);
      synchronized (s.writeLock) {
        Map<List<String>, Path> dirs = new HashMap<>();
        for (Item it : items) {
          List<String> parent = it.path().subList(0, Math.max(0, it.path().size() - 1));
          if (it.path().isEmpty()) {
            s.resetRoot(it.kind());
            dirs.put(List.of(), s.directory());
          } else if (it.bucket()) {
            Path d = s.defineBucket(dirs.get(parent), parent, last(it), it.kind(), it.ordinal());
            dirs.put(it.path(), d);
          } else {
            s.writeValue(dirs.get(parent), parent, last(it), it.kind(), r.getFile(it.entry()), it.ordinal());
          }
        }
      }
    }
  }

  private static String last(Item it) {
    return it.path().get(it.path().size() - 1);
  }

  private static List<Item> check(DesReader r, FileElsStore s) throws IOException {
    List<Item> items = new ArrayList<>();
    Set<List<String>> buckets = new HashSet<>();
    Set<List<String>> values = new HashSet<>();
    for (String entry : r.listFiles()) {
      boolean bucket = entry.startsWith("b");
      if (!bucket && !entry.startsWith("v")) {
        throw bad(r, entry, "not an ELS entry name (expected b;... or v;...)");
      }
      List<String> path = parsePath(r, entry);
      JsonNode m = r.getMeta(entry);
      JsonNode els = m.get("els");
      if (els == null || !els.canConvertToInt()) {
        throw bad(r, entry, "metadata lacks \"els\"");
      }
      Framing.checkVersion(r.name(), CorruptContainerException.NO_OFFSET, entry, "ELS", els.intValue(), BRIDGE_VERSION,
          BRIDGE_VERSION);
      ElsKind kind = kind(r, entry, m.get("kind"));
      JsonNode ord = m.get("ordinal");
      if (ord == null || !ord.canConvertToExactIntegral() || !ord.canConvertToLong() || ord.longValue() < 0) {
        throw bad(r, entry, "metadata \"ordinal\" is not a non-negative integer");
      }
      if (kind.isBucket() != bucket || (path.isEmpty() && !bucket)
          || (kind == ElsKind.SCALAR_DOCUMENT && !path.isEmpty())) {
        throw bad(r, entry, "kind " + kind + " does not fit this entry");
      }
      s.checkPath(bucket ? path : path.subList(0, path.size() - 1));
      if (!path.isEmpty()) {
        s.checkKey(path.get(path.size() - 1));
      }
      long size = r.entry(entry).size();
      if (bucket && size != 0) {
        throw bad(r, entry, "bucket entry has a body");
      }
      s.checkValueSize(JsonPointers.format(path), size);
      if (!(bucket ? buckets : values).add(path)) {
        throw bad(r, entry, "path appears twice");
      }
      items.add(new Item(entry, bucket, path, kind, ord.longValue()));
    }
    if (!buckets.contains(List.of())) {
      throw bad(r, null, "no root entry 'b'; not a container written by 'des els to-des'");
    }
    for (Item it : items) {
      if (!it.path().isEmpty() && !buckets.contains(it.path().subList(0, it.path().size() - 1))) {
        throw bad(r, it.entry(), "its parent bucket has no entry");
      }
    }
    // Parents before children; at equal depth buckets first.
    items.sort(Comparator.comparingInt((Item it) -> it.path().size()).thenComparing(it -> !it.bucket()));
    return items;
  }

  private static ElsKind kind(DesReader r, String entry, JsonNode k) throws CorruptContainerException {
    if (k != null && k.isTextual()) {
      for (ElsKind e : ElsKind.values()) {
        if (e.name().toLowerCase(Locale.ROOT).equals(k.textValue())) {
          return e;
        }
      }
    }
    throw bad(r, entry, "metadata \"kind\" is missing or unknown");
  }

  private static List<String> parsePath(DesReader r, String entry) throws CorruptContainerException {
    List<String> path = new ArrayList<>();
    if (entry.length() == 1) {
      return path;
    }
    if (entry.charAt(1) != ';') {
      throw bad(r, entry, "not an ELS entry name (expected b;... or v;...)");
    }
    for (String raw : entry.substring(2).split(";", -1)) {
      path.add(unescape(r, entry, raw));
    }
    return path;
  }

  private static String unescape(DesReader r, String entry, String raw) throws CorruptContainerException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
    byte[] b = raw.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '%') {
        int hi = i + 2 < b.length ? Character.digit(b[i + 1], 16) : -1;
        int lo = i + 2 < b.length ? Character.digit(b[i + 2], 16) : -1;
        if (hi < 0 || lo < 0) {
          throw bad(r, entry, "bad percent escape");
        }
        out.write(hi * 16 + lo);
        i += 2;
      } else {
        out.write(b[i]);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(out.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      throw bad(r, entry, "name is not UTF-8 after unescaping");
    }
  }

  private static CorruptContainerException bad(DesReader r, String entry, String problem) {
    return new CorruptContainerException(r.name(), CorruptContainerException.NO_OFFSET, entry, problem);
  }
}
