package io.easystore.compat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.easystore.ChecksumKind;
import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.EntryAttributes;
import io.easystore.ReaderOptions;
import io.easystore.VerifyReport;
import io.easystore.WriterOptions;
import io.easystore.codec.CodecId;
import io.easystore.compat.FrozenDesInputs.Input;
import io.easystore.crypto.Encryption;
import io.easystore.crypto.KeyProviders;
import io.easystore.testing.FrozenFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes the frozen DES containers of {@code frozen/des-<release>} with today's public writer,
 * updater and compactor, from {@link #SEED}, and their MANIFEST.json. Bodies, names and metadata
 * follow from the seed; container UUIDs, salts and nonces do not, which is why the files are
 * frozen once and the tests compare logical content, never a fresh write's bytes. Not
 * thread-safe: one run writes one directory.
 *
 * <p>Run by {@code FrozenDesFixturesTest}: into a temporary directory on every build (to check
 * that the writer still produces the frozen logical content), into the source tree only with
 * {@code -Dfrozen.write=true} and only when the directory does not exist.
 */
final class FrozenDesFixtures {
  /** The release whose writers made the files: the directory is {@code des-<release>}. */
  static final String RELEASE = "0.1.0";
  static final String DIRECTORY = "des-" + RELEASE;
  static final String WRITER_VERSION = "0.1.0-SNAPSHOT";
  static final long SEED = 20_261_202L;

  private final Path dir;
  private final byte[] key;
  private final ArrayNode containers = FrozenFiles.mapper().createArrayNode();

  private FrozenDesFixtures(Path dir) {
    this.dir = dir;
    this.key = FrozenDesInputs.random(new Random(SEED), 32);
  }

  public static void main(String[] args) throws IOException {
    writeAll(FrozenFiles.outputDir(DIRECTORY));
  }

  /** Writes every frozen container and the manifest into {@code dir}; returns the manifest. */
  static ObjectNode writeAll(Path dir) throws IOException {
    return new FrozenDesFixtures(dir).run();
  }

  private ObjectNode run() throws IOException {
    WriterOptions v2 = WriterOptions.defaults();
    long s = SEED;
    write("v2-none.des", "codec none", ++s, v2.withCodec(CodecId.NONE), FrozenDesInputs.tree(s, false));
    write("v2-deflate.des", "codec deflate, default level", ++s, v2.withCodec(CodecId.DEFLATE),
        FrozenDesInputs.tree(s, false));
    write("v2-deflate-9-xxhash64.des", "codec deflate level 9, checksum xxhash64", ++s,
        v2.withCodec(CodecId.DEFLATE).withLevel(9).withChecksum(ChecksumKind.XXHASH64), FrozenDesInputs.tree(s, false));
    write("v2-zstd.des", "codec zstd, default level", ++s, v2, FrozenDesInputs.tree(s, false));
    write("v2-zstd-19-xxhash64.des", "codec zstd level 19, checksum xxhash64", ++s,
        v2.withLevel(19).withChecksum(ChecksumKind.XXHASH64), FrozenDesInputs.tree(s, false));
    write("v2-zstd-dictionaries.des", "codec zstd-dict (trained dictionaries, 1 KiB each)", ++s,
        v2.withCodec(CodecId.ZSTD_DICTIONARY).withDictionaryBytes(1024), FrozenDesInputs.dictionarySamples(s));
    write("v2-empty.des", "no entries", ++s, v2, List.of());
    write("v2-many-entries.des", "200 small entries in 13 directories", ++s,
        v2.withCodec(CodecId.NONE), FrozenDesInputs.many(s, 200));
    Encryption enc = Encryption.of(FrozenDes.KEY_ID, KeyProviders.of(FrozenDes.KEY_ID, key));
    write("v2-encrypted-names-protected.des", "zstd, encrypted, names and metadata protected", ++s,
        v2.withEncryption(enc), FrozenDesInputs.tree(s, false));
    write("v2-encrypted-names-visible.des", "deflate, encrypted bodies, names and metadata visible", ++s,
        v2.withCodec(CodecId.DEFLATE).withEncryption(enc.withNamesVisible()), FrozenDesInputs.tree(s, false));
    write("v2-external/container.des", "zstd, bodies over 100 bytes in sibling files", ++s,
        v2.withExternalThreshold(100), FrozenDesInputs.external(s, false));
    write("v2-encrypted-external/container.des", "none, encrypted, names protected, bodies over 100 bytes external",
        ++s, v2.withCodec(CodecId.NONE).withEncryption(enc).withExternalThreshold(100),
        FrozenDesInputs.external(s, false));
    write("v1.des", "DES v1 (the reference layout)", ++s, WriterOptions.v1(), FrozenDesInputs.tree(s, true));
    write("v1-empty.des", "DES v1, no entries", ++s, WriterOptions.v1(), List.of());
    write("v1-external/container.des", "DES v1, bodies over 100 bytes in _bigFiles/", ++s,
        WriterOptions.v1().withExternalThreshold(100), FrozenDesInputs.external(s, true));
    FrozenDesUpdates updates = new FrozenDesUpdates(this);
    updates.all(++s);

    ObjectNode m = FrozenFiles.mapper().createObjectNode();
    m.put("format", "DES (v1 and v2, plain, updated, compacted, encrypted, external)");
    m.put("directory", DIRECTORY);
    m.put("rule", "Never regenerate or edit these files once " + RELEASE + " is released; a release that changes"
        + " a writer adds a new directory. See docs/COMPATIBILITY.md.");
    m.set("generator", FrozenFiles.generator(FrozenDesFixtures.class, "writeAll", SEED, WRITER_VERSION));
    m.putObject("keys").put(FrozenDes.KEY_ID, Base64.getEncoder().encodeToString(key));
    m.set("containers", containers);
    FrozenFiles.writeManifest(dir, m);
    return FrozenFiles.manifest(dir);
  }

  Path dir() {
    return dir;
  }

  ReaderOptions readerOptions() {
    return ReaderOptions.defaults().withKeys(KeyProviders.of(FrozenDes.KEY_ID, key));
  }

  private void write(String path, String options, long seed, WriterOptions o, List<Input> inputs) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    try (DesWriter w = DesWriter.create(file, o)) {
      for (Input in : inputs) {
        in.addTo(w);
      }
    }
    record(path, "writeContainer", seed, "DesWriter.create(path, " + options + ")", o.encryption() == null
        && o.formatVersion() == 2, files(inputs));
  }

  /** The files of {@code inputs} by name (directories left out), for checking what was written. */
  static Map<String, Input> files(List<Input> inputs) {
    Map<String, Input> m = new LinkedHashMap<>();
    for (Input in : inputs) {
      if (!in.isDirectory()) {
        m.put(in.name(), in);
      }
    }
    return m;
  }

  /**
   * Checks the container against what was written (every body and metadata field, and a clean
   * verify) before it is frozen, then adds it to the manifest.
   */
  void record(String path, String method, long seed, String options, boolean updatable, Map<String, Input> expected)
      throws IOException {
    Path file = dir.resolve(path);
    ObjectNode c = containers.addObject();
    c.put("path", path);
    c.putObject("made_by").put("class", getClass().getName()).put("method", method).put("seed", seed)
        .put("options", options);
    c.put("updatable", updatable);
    try (DesReader r = DesReader.open(file, readerOptions())) {
      VerifyReport v = r.verify();
      if (!v.ok()) {
        throw new IOException(path + ": a freshly written container does not verify: " + v.problems());
      }
      if (!new java.util.HashSet<>(r.listFiles()).equals(expected.keySet())) {
        throw new IOException(path + ": files " + r.listFiles() + ", expected " + expected.keySet());
      }
      for (Input in : expected.values()) {
        if (!Arrays.equals(r.getFile(in.name()), in.body())) {
          throw new IOException(path + ": body of " + in.name() + " differs from what was written");
        }
        if (in.meta() != null) {
          for (String k : in.meta().keySet()) {
            if (!FrozenFiles.normalized(in.metaNode().get(k)).equals(FrozenFiles.normalized(r.getMeta(in.name()).get(k)))) {
              throw new IOException(path + ": metadata of " + in.name() + " differs from what was written");
            }
          }
        }
      }
      c.set("content", FrozenDes.describe(r));
    }
    Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".lock"));
  }

  /** Appends {@code n} seeded bytes: an incomplete commit as a crashed updater leaves it. */
  static void appendGarbage(Path file, long seed, int n) throws IOException {
    byte[] b = FrozenDesInputs.random(new Random(seed), n);
    Files.write(file, b, StandardOpenOption.APPEND);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static EntryAttributes attrs(long mtimeOffset, int mode) {
    return new EntryAttributes(FrozenDesInputs.MTIME + mtimeOffset, mode);
  }
}
