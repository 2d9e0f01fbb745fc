package io.easystore.fuzz;

import io.easystore.ChecksumKind;
import io.easystore.DesWriter;
import io.easystore.EntryAttributes;
import io.easystore.WriterOptions;
import io.easystore.codec.CodecId;
import io.easystore.crypto.Encryption;
import io.easystore.crypto.KeyProvider;
import io.easystore.crypto.KeyProviders;
import io.easystore.mutate.DesUpdater;
import io.easystore.testing.FpackFiles;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Small valid inputs of every kind, written by the current code: the seeds of the fuzz targets
 * (committed under the targets' Inputs directories, see {@link FuzzSeedsWriter}) and the pristine
 * bases of the edit-script targets. Stateless.
 */
final class FuzzSeeds {
  private FuzzSeeds() {}

  /** The fixed test key: key id "fuzz", 32 zero bytes (the same as HostileInput.SMALL_LIMITS). */
  static final KeyProvider KEY = KeyProviders.of("fuzz", new byte[32]);

  static Map<String, byte[]> files(int n, String salt) {
    return files(n, salt, "/");
  }

  static Map<String, byte[]> files(int n, String salt, String sep) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String text = (salt + " line " + i + " ").repeat(1 + i % 5);
      m.put((i % 3 == 0 ? "" : "d" + (i % 2) + sep) + "f" + i + ".txt", text.getBytes(StandardCharsets.UTF_8));
    }
    return m;
  }

  static Path write(Path out, WriterOptions o, Map<String, byte[]> files) throws IOException {
    try (DesWriter w = DesWriter.create(out, o)) {
      int i = 0;
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        w.addFile(f.getKey(), f.getValue(), i % 2 == 0 ? DesWriter.meta(Map.of("i", i, "tag", "t" + i)) : null,
            new EntryAttributes(1_700_000_000_000L + i, 0644));
        i++;
      }
    }
    return out;
  }

  /** name -> bytes of each plain container seed (v1 and v2 in several codecs). */
  static Map<String, byte[]> plain(Path dir) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    out.put("v1", read(write(dir.resolve("v1.des"), WriterOptions.v1(), files(5, "v1", "_"))));
    out.put("v2-none", read(write(dir.resolve("none.des"), WriterOptions.defaults().withCodec(CodecId.NONE),
        files(6, "none"))));
    out.put("v2-deflate", read(write(dir.resolve("deflate.des"), WriterOptions.defaults().withCodec(CodecId.DEFLATE),
        files(6, "deflate"))));
    out.put("v2-zstd", read(write(dir.resolve("zstd.des"), WriterOptions.defaults(), files(6, "zstd"))));
    out.put("v2-xxh-meta", read(xxh(dir)));
    return out;
  }

  static Path xxh(Path dir) throws IOException {
    return write(dir.resolve("xxh.des"), WriterOptions.defaults().withCodec(CodecId.NONE)
        .withChecksum(ChecksumKind.XXHASH64), files(6, "xxh"));
  }

  static Map<String, byte[]> dictionaries(Path dir) throws IOException {
    Map<String, byte[]> many = new LinkedHashMap<>();
    for (int i = 0; i < 40; i++) {
      many.put("j/" + i + ".json", ("{\"id\":" + i + ",\"kind\":\"sample\",\"value\":\"v" + i * 7 + "\"}")
          .getBytes(StandardCharsets.UTF_8));
    }
    WriterOptions o = WriterOptions.defaults().withCodec(CodecId.ZSTD_DICTIONARY).withDictionaryBytes(1024);
    return Map.of("v2-dict", read(write(dir.resolve("dict.des"), o, many)));
  }

  /** A v2 container updated in place twice (put, replace, delete, rename), so it has delta segments. */
  static Path updated(Path dir, String name, WriterOptions o) throws IOException {
    Path p = write(dir.resolve(name + ".des"), o, files(6, name));
    try (DesUpdater u = DesUpdater.open(p)) {
      u.put("n/new.txt", "added by update 1".getBytes(StandardCharsets.UTF_8), DesWriter.meta(Map.of("c", 1)), null);
      u.put("f0.txt", "replaced".getBytes(StandardCharsets.UTF_8), null, null);
      u.commit();
      u.delete("d1/f1.txt");
      u.rename("d0/f2.txt", "m/moved.txt", false);
      u.commit();
    }
    return p;
  }

  static Map<String, byte[]> updated(Path dir) throws IOException {
    return Map.of("upd-zstd", read(updated(dir, "upd", WriterOptions.defaults())),
        "upd-none", read(updated(dir, "updn", WriterOptions.defaults().withCodec(CodecId.NONE))));
  }

  static Map<String, byte[]> encrypted(Path dir) throws IOException {
    Encryption e = Encryption.of("fuzz", KEY);
    return Map.of(
        "enc-protected", read(write(dir.resolve("ep.des"), WriterOptions.defaults().withEncryption(e), files(4, "e"))),
        "enc-visible", read(write(dir.resolve("ev.des"), WriterOptions.defaults().withEncryption(e.withNamesVisible()),
            files(4, "v"))));
  }

  static Map<String, byte[]> fpack(Path dir) throws IOException {
    return Map.of("fpack", read(FpackFiles.write(dir.resolve("p.fpack"), "/base", files(4, "fp", "_"))));
  }

  /** A container whose large bodies live in the sibling directory, framed by {@link Framed}. */
  static Map<String, byte[]> external(Path dir) throws IOException {
    Map<String, byte[]> f = files(4, "ext");
    f.put("big.bin", "external body ".repeat(20).getBytes(StandardCharsets.UTF_8));
    Path sub = Files.createDirectories(dir.resolve("ext"));
    Path c = write(sub.resolve("c.des"), WriterOptions.defaults().withExternalThreshold(100), f);
    return Map.of("external", Framed.pack(sub, c));
  }

  static byte[] read(Path p) throws IOException {
    return Files.readAllBytes(p);
  }

  /**
   * A container and its sibling files in one fuzz input: records of (u16 name length, name, u32
   * length, bytes); the first record is the container. Names are relative to the container's
   * directory; unsafe names are dropped when unpacking.
   */
  static final class Framed {
    private Framed() {}

    static byte[] pack(Path dir, Path container) throws IOException {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(buf);
      record(out, container.getFileName().toString(), Files.readAllBytes(container));
      List<Path> siblings;
      try (Stream<Path> s = Files.walk(dir)) {
        siblings = s.filter(Files::isRegularFile).filter(p -> !p.equals(container)).sorted().toList();
      }
      for (Path p : siblings) {
        record(out, dir.relativize(p).toString(), Files.readAllBytes(p));
      }
      return buf.toByteArray();
    }

    private static void record(DataOutputStream out, String name, byte[] body) throws IOException {
      byte[] n = name.getBytes(StandardCharsets.UTF_8);
      out.writeShort(n.length);
      out.write(n);
      out.writeInt(body.length);
      out.write(body);
    }

    /** Writes the records under {@code dir}; returns the container path, or null if there is none. */
    static Path unpack(byte[] in, Path dir, String containerName) throws IOException {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(in);
      Path container = null;
      while (b.remaining() >= 6) {
        int nl = b.getShort() & 0xFFFF;
        if (nl > b.remaining()) {
          break;
        }
        byte[] n = new byte[nl];
        b.get(n);
        if (b.remaining() < 4) {
          break;
        }
        int len = (int) Math.min(b.getInt() & 0xFFFF_FFFFL, b.remaining());
        byte[] body = new byte[len];
        b.get(body);
        if (container == null) {
          container = dir.resolve(containerName);
          Files.write(container, body);
          continue;
        }
        String name = new String(n, StandardCharsets.UTF_8);
        if (!name.matches("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+){0,3}") || name.contains("..")) {
          continue;
        }
        Path p = dir.resolve(name);
        if (Files.exists(p)) {
          continue;
        }
        Files.createDirectories(p.getParent());
        Files.write(p, body);
      }
      return container;
    }
  }
}
