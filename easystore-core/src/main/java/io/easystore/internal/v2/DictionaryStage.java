package io.easystore.internal.v2;

import io.easystore.internal.codec.Codec;
import io.easystore.internal.codec.ZstdDictionaries;
import io.easystore.internal.common.EntryFields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Trains zstd dictionaries while a container is written. Small bodies are grouped by file
 * extension; a group's first bodies wait in memory as training samples until the group has
 * about a hundred dictionary sizes of them (or pending samples reach {@link #PENDING_BUDGET}, or
 * the writer closes). Then a dictionary is trained and kept only if it saves more on those
 * samples than half its own size; the waiting bodies and every later one of the group are
 * compressed with it (or without, if it was not kept). Not thread-safe.
 */
final class DictionaryStage {
  /** Larger bodies compress well on their own and are not sampled. */
  static final int MAX_SAMPLE_BODY = 128 << 10;
  static final long PENDING_BUDGET = 32L << 20;
  private static final int MAX_GROUPS = 64;

  /** Receives bodies ready to be written with their codec and dictionary id (0 for none). */
  interface Emitter {
    void emit(EntryFields e, byte[] body, Codec codec, int dictionaryId) throws IOException;
  }

  private enum State { COLLECTING, TRAINED, PLAIN }

  private static final class Group {
    State state = State.COLLECTING;
    final List<EntryFields> entries = new ArrayList<>();
    final List<byte[]> bodies = new ArrayList<>();
    long bytes;
    Codec codec;
    int id;
  }

  private final Codec plain;
  private final int level;
  private final int dictionaryBytes;
  private final long trainAt;
  private final Emitter out;
  private final Map<String, Group> groups = new HashMap<>();
  private final List<byte[]> dictionaries = new ArrayList<>();
  private long pending;

  DictionaryStage(Codec plain, int level, int dictionaryBytes, Emitter out) {
    this.plain = plain;
    this.level = level;
    this.dictionaryBytes = dictionaryBytes;
    this.trainAt = Math.min(100L * dictionaryBytes, 8L << 20);
    this.out = out;
  }

  /** Trained dictionaries, id {@code i + 1} at index {@code i}. */
  List<byte[]> dictionaries() {
    return dictionaries;
  }

  /**
   * Takes a body the caller no longer touches; returns false when the caller should write it
   * now without a dictionary.
   */
  boolean offer(EntryFields e, byte[] body) throws IOException {
    if (body.length > MAX_SAMPLE_BODY || body.length == 0) {
      return false;
    }
    String ext = extension(e.key, e.keyLength);
    Group g = groups.get(ext);
    if (g == null) {
      if (groups.size() >= MAX_GROUPS) {
        return false;
      }
      g = new Group();
      groups.put(ext, g);
    }
    switch (g.state) {
      case TRAINED:
        out.emit(e, body, g.codec, g.id);
        return true;
      case PLAIN:
        return false;
      default:
        EntryFields copy = new EntryFields();
        copy.copyFrom(e);
        g.entries.add(copy);
        g.bodies.add(body);
        g.bytes += body.length;
        pending += body.length;
        if (g.bytes >= trainAt) {
          train(g);
        }
        while (pending > PENDING_BUDGET) {
          train(groups.values().stream().filter(x -> x.state == State.COLLECTING)
              .max(Comparator.comparingLong(x -> x.bytes)).orElseThrow());
        }
        return true;
    }
  }

  /** Trains every group still collecting and emits its waiting bodies. */
  void finish() throws IOException {
    for (Group g : groups.values()) {
      if (g.state == State.COLLECTING) {
        train(g);
      }
    }
  }

  private void train(Group g) throws IOException {
    Optional<byte[]> dict = dictionaries.size() >= RootBlock.MAX_DICTIONARIES ? Optional.empty()
        : ZstdDictionaries.train(g.bodies, dictionaryBytes);
    g.state = State.PLAIN;
    g.codec = plain;
    g.id = 0;
    List<byte[]> packed = null;
    if (dict.isPresent()) {
      Codec withDict = ZstdDictionaries.prepared(dict.get(), level);
      long saved = 0;
      packed = new ArrayList<>(g.bodies.size());
      for (byte[] b : g.bodies) {
        byte[] z = withDict.compress(b);
        packed.add(z);
        saved += Math.min(b.length, plain.compress(b).length) - Math.min(b.length, z.length);
      }
      if (saved > dict.get().length / 2) {
        dictionaries.add(dict.get());
        g.state = State.TRAINED;
        g.codec = withDict;
        g.id = dictionaries.size();
      }
    }
    for (int i = 0; i < g.entries.size(); i++) {
      out.emit(g.entries.get(i), g.bodies.get(i), g.codec, g.id);
    }
    pending -= g.bytes;
    g.entries.clear();
    g.bodies.clear();
    g.bytes = 0;
  }

  /** Lower-case extension of the key's base name ("" when it has none). */
  static String extension(byte[] key, int len) {
    int nameStart = 0;
    for (int i = 0; i < len; i++) {
      if (key[i] == 0) {
        nameStart = i + 1;
      }
    }
    int dot = -1;
    for (int i = len - 1; i > nameStart; i--) {
      if (key[i] == '.') {
        dot = i;
        break;
      }
    }
    if (dot < 0 || len - dot - 1 > 16) {
      return "";
    }
    return new String(key, dot + 1, len - dot - 1, java.nio.charset.StandardCharsets.UTF_8)
        .toLowerCase(java.util.Locale.ROOT);
  }
}
