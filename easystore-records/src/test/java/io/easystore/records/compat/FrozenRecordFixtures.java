package io.easystore.records.compat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.easystore.codec.CodecId;
import io.easystore.crypto.KeyProvider;
import io.easystore.crypto.KeyProviders;
import io.easystore.records.Bookmark;
import io.easystore.records.KeyIndex;
import io.easystore.records.KeyIndexWriter;
import io.easystore.records.KeyIndexes;
import io.easystore.records.KeyType;
import io.easystore.records.ReaderOptions;
import io.easystore.records.RecordArchives;
import io.easystore.records.RecordReader;
import io.easystore.records.RecordWriter;
import io.easystore.records.WriterOptions;
import io.easystore.testing.FrozenFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * Writes the frozen record archives and {@code .rix} key indexes of {@code frozen/records-<release>}
 * with today's public writers, from {@link #SEED}, and their MANIFEST.json. Records, page layout and
 * keys follow from the seed; archive ids and nonces do not, so the files are frozen once and tests
 * compare logical content. Not thread-safe. Run by {@code FrozenRecordFixturesTest} (into the
 * source tree only with {@code -Dfrozen.write=true}, never over an existing directory).
 */
final class FrozenRecordFixtures {
  static final String RELEASE = "0.1.0";
  static final String DIRECTORY = "records-" + RELEASE;
  static final String WRITER_VERSION = "0.1.0-SNAPSHOT";
  static final long SEED = 20_261_203L;
  static final Instant T0 = Instant.parse("2025-12-02T00:00:00Z");

  /** One record written, with the keys it is indexed under (null: not indexed). */
  record Rec(byte[] bytes, Long id, String user, UUID uuid) {}

  private final Path dir;
  private final byte[] key = new byte[32];
  private final KeyProvider keys;
  private final ArrayNode archives = FrozenFiles.mapper().createArrayNode();
  private final ArrayNode indexes = FrozenFiles.mapper().createArrayNode();

  private FrozenRecordFixtures(Path dir) {
    this.dir = dir;
    new Random(SEED).nextBytes(key);
    this.keys = KeyProviders.of(FrozenRecords.KEY_ID, key);
  }

  public static void main(String[] args) throws IOException {
    writeAll(FrozenFiles.outputDir(DIRECTORY));
  }

  static ObjectNode writeAll(Path dir) throws IOException {
    return new FrozenRecordFixtures(dir).run();
  }

  private ObjectNode run() throws IOException {
    long s = SEED;
    archive("plain-none.rec", ++s, CodecId.NONE, false, 512, 1, 30);
    archive("plain-deflate.rec", ++s, CodecId.DEFLATE, false, 512, 1, 30);
    List<Bookmark> zstd = new ArrayList<>();
    List<Rec> zstdRecs = archive("plain-zstd.rec", ++s, CodecId.ZSTD, false, 1024, 1, 40, zstd);
    index("plain-zstd.rec", "id", KeyType.LONG, zstdRecs, zstd, r -> r.id() == null ? null : KeyType.encode(r.id()));
    index("plain-zstd.rec", "user", KeyType.STRING, zstdRecs, zstd,
        r -> r.user() == null ? null : KeyType.encode(r.user()));
    index("plain-zstd.rec", "uuid", KeyType.UUID, zstdRecs, zstd,
        r -> r.uuid() == null ? null : KeyType.encode(r.uuid()));
    archive("appended.rec", ++s, CodecId.ZSTD, false, 512, 3, 12);
    List<Bookmark> enc = new ArrayList<>();
    List<Rec> encRecs = archive("encrypted-zstd.rec", ++s, CodecId.ZSTD, true, 512, 1, 30, enc);
    index("encrypted-zstd.rec", "id", KeyType.LONG, encRecs, enc, r -> r.id() == null ? null : KeyType.encode(r.id()));
    archive("encrypted-none.rec", ++s, CodecId.NONE, true, 512, 2, 10);
    archive("empty.rec", ++s, CodecId.ZSTD, false, 512, 1, 0);
    tornTail("torn-tail.rec", ++s);

    ObjectNode m = FrozenFiles.mapper().createObjectNode();
    m.put("format", "record archives (format 1 plain, format 2 encrypted) and .rix key indexes");
    m.put("directory", DIRECTORY);
    m.put("rule", "Never regenerate or edit these files once " + RELEASE + " is released; a release that changes"
        + " a writer adds a new directory. See docs/COMPATIBILITY.md.");
    m.set("generator", FrozenFiles.generator(FrozenRecordFixtures.class, "writeAll", SEED, WRITER_VERSION));
    m.putObject("keys").put(FrozenRecords.KEY_ID, Base64.getEncoder().encodeToString(key));
    m.set("archives", archives);
    m.set("indexes", indexes);
    FrozenFiles.writeManifest(dir, m);
    return FrozenFiles.manifest(dir);
  }

  private List<Rec> archive(String name, long seed, CodecId codec, boolean encrypted, int pageSize, int sessions,
      int perSession) throws IOException {
    return archive(name, seed, codec, encrypted, pageSize, sessions, perSession, new ArrayList<>());
  }

  /** Writes {@code sessions} sessions (create, then appends) of seeded records; fills {@code marks}. */
  private List<Rec> archive(String name, long seed, CodecId codec, boolean encrypted, int pageSize, int sessions,
      int perSession, List<Bookmark> marks) throws IOException {
    Path file = dir.resolve(name);
    Random r = new Random(seed);
    List<Rec> recs = new ArrayList<>();
    for (int session = 0; session < sessions; session++) {
      WriterOptions o = options(name, seed, codec, encrypted, pageSize, session);
      try (RecordWriter w = session == 0 ? RecordArchives.create(file, o) : RecordArchives.openForAppend(file, o)) {
        for (int i = 0; i < perSession; i++) {
          Rec rec = record(r, recs.size());
          recs.add(rec);
          marks.add(w.append(rec.bytes()));
        }
      }
    }
    ObjectNode a = archives.addObject();
    a.put("path", name);
    a.putObject("made_by").put("class", getClass().getName()).put("method", "archive").put("seed", seed)
        .put("options", "codec " + codec.label() + ", page size " + pageSize + (encrypted ? ", encrypted" : "")
            + ", " + sessions + " writer session(s) of " + perSession + " records");
    describe(a, file, recs, false);
    return recs;
  }

  private WriterOptions options(String name, long seed, CodecId codec, boolean encrypted, int pageSize, int session) {
    WriterOptions o = WriterOptions.defaults().withCodec(codec).withPageSize(pageSize)
        .withDescription("frozen " + name).withHost("frozen-host").withApplication("FrozenRecordFixtures")
        .withContentType("json").withProperties(Map.of("seed", Long.toString(seed), "session", "" + session))
        .withClock(Clock.fixed(T0.plus(Duration.ofHours(session)), ZoneOffset.UTC));
    return encrypted ? o.withEncryption(FrozenRecords.KEY_ID, keys) : o;
  }

  /**
   * An archive whose writer died in the middle of a page: 20 records, then a second session of 6
   * whose pages are cut in the middle of what it wrote (readers see the intact pages; repair and
   * append trim the tail).
   */
  private void tornTail(String name, long seed) throws IOException {
    Path file = dir.resolve(name);
    Random r = new Random(seed);
    List<Rec> recs = new ArrayList<>();
    long intactEnd = 0;
    for (int session = 0; session < 2; session++) {
      WriterOptions o = options(name, seed, CodecId.ZSTD, false, 4096, session);
      try (RecordWriter w = session == 0 ? RecordArchives.create(file, o) : RecordArchives.openForAppend(file, o)) {
        for (int i = 0; i < (session == 0 ? 20 : 6); i++) {
          Rec rec = record(r, recs.size());
          recs.add(rec);
          w.append(rec.bytes());
        }
      }
      if (session == 0) {
        intactEnd = Files.size(file);
      }
    }
    long full = Files.size(file);
    try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
      ch.truncate(intactEnd + (full - intactEnd) / 2);
    }
    ObjectNode a = archives.addObject();
    a.put("path", name);
    a.put("torn_tail", true);
    a.putObject("made_by").put("class", getClass().getName()).put("method", "tornTail").put("seed", seed)
        .put("options", "codec zstd, page size 4096, 20 records, then 6 more in one page cut in half");
    describe(a, file, recs.subList(0, 20), true);
  }

  private void describe(ObjectNode a, Path file, List<Rec> recs, boolean torn) throws IOException {
    String name = file.getFileName().toString();
    try (RecordReader reader = RecordArchives.open(file, readerOptions().withTolerateTornTail(torn))) {
      List<byte[]> got = new ArrayList<>();
      reader.stream(io.easystore.records.RecordTypes.bytes()).forEach(e -> got.add(e.value()));
      if (got.size() != recs.size()) {
        throw new IOException(name + ": " + got.size() + " records read back, " + recs.size() + " written");
      }
      for (int i = 0; i < got.size(); i++) {
        if (!java.util.Arrays.equals(got.get(i), recs.get(i).bytes())) {
          throw new IOException(name + ": record " + i + " differs from what was written");
        }
      }
      a.set("content", FrozenRecords.describe(reader));
      if (torn != (reader.stats().tornTailBytes() > 0)) {
        throw new IOException(name + ": torn tail expected " + torn + ", stats say " + reader.stats());
      }
    }
    Files.deleteIfExists(file.resolveSibling(name + ".lock"));
  }

  /**
   * A JSON record with three keys, except every 9th (raw bytes, not indexed) and record 5 (empty);
   * ids repeat (i / 2) so a key finds several records, users come from a small unicode set.
   */
  private static Rec record(Random r, int i) {
    if (i == 5) {
      return new Rec(new byte[0], null, null, null);
    }
    if (i % 9 == 8) {
      byte[] b = new byte[1 + r.nextInt(40)];
      r.nextBytes(b);
      b[0] = (byte) 0xff; // never valid UTF-8, so the manifest shows no text for it
      return new Rec(b, null, null, null);
    }
    String[] users = {"alice", "bob", "ch\u00e9rie", "\u540d\u524d", "dave"};
    long id = i / 2;
    String user = users[r.nextInt(users.length)];
    UUID uuid = new UUID(r.nextInt(4), r.nextLong());
    String json = "{\"id\":" + id + ",\"user\":\"" + user + "\",\"uuid\":\"" + uuid + "\",\"n\":" + r.nextInt(1000)
        + ",\"msg\":\"" + "record ".repeat(1 + r.nextInt(6)) + i + "\"}";
    return new Rec(json.getBytes(StandardCharsets.UTF_8), id, user, uuid);
  }

  private void index(String archive, String keyName, KeyType type, List<Rec> recs, List<Bookmark> marks,
      Function<Rec, byte[]> keyOf) throws IOException {
    String name = archive + "." + keyName + ".rix";
    Map<String, List<String>> lookups = new TreeMap<>();
    try (RecordReader reader = RecordArchives.open(dir.resolve(archive), readerOptions())) {
      KeyIndexWriter w = KeyIndexes.writer(dir.resolve(name), type, keyName, reader.metadata(), archive);
      for (int i = 0; i < recs.size(); i++) {
        byte[] k = keyOf.apply(recs.get(i));
        if (k != null) {
          w.addEncoded(k, marks.get(i));
          lookups.computeIfAbsent(type.format(k), x -> new ArrayList<>()).add(marks.get(i).toString());
        }
      }
      w.close();
    }
    ObjectNode x = indexes.addObject();
    x.put("path", name).put("archive", archive);
    x.putObject("made_by").put("class", getClass().getName()).put("method", "index").put("seed", SEED)
        .put("options", "KeyIndexes.writer, " + type.label() + " keys of field " + keyName);
    try (KeyIndex idx = KeyIndexes.open(dir.resolve(name))) {
      ObjectNode c = x.putObject("content");
      c.put("archive_id", idx.archiveId().toString()).put("key_name", idx.keyName())
          .put("key_type", idx.keyType().label()).put("entries", idx.entries());
      ObjectNode l = c.putObject("lookups");
      for (Map.Entry<String, List<String>> e : lookups.entrySet()) {
        List<String> got = idx.lookup(e.getKey()).stream().map(Bookmark::toString).toList();
        if (!got.equals(e.getValue())) {
          throw new IOException(name + ": key " + e.getKey() + " finds " + got + ", expected " + e.getValue());
        }
        l.set(e.getKey(), FrozenFiles.mapper().valueToTree(got));
      }
      c.set("absent", FrozenFiles.mapper().valueToTree(List.of(type == KeyType.LONG ? "999999"
          : type == KeyType.UUID ? new UUID(7, 7).toString() : "nobody")));
    }
  }

  private ReaderOptions readerOptions() {
    return ReaderOptions.defaults().withKeys(keys);
  }
}
