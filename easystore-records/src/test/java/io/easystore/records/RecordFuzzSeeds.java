package io.easystore.records;

import io.easystore.codec.CodecId;
import io.easystore.crypto.KeyProvider;
import io.easystore.crypto.KeyProviders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes the seeds of the record-archive and key-index fuzz targets from the current writers (on
 * request only: {@code -Deasystore.fuzz.writeSeeds=true}); encrypted seeds differ on each run.
 */
@EnabledIfSystemProperty(named = "easystore.fuzz.writeSeeds", matches = "true")
class RecordFuzzSeeds {
  static final KeyProvider KEY = KeyProviders.of("fuzz", new byte[32]);
  static final Path RES = Paths.get("src/test/resources/io/easystore/records");

  static Path archive(Path dir, String name, WriterOptions o) throws IOException {
    Path p = dir.resolve(name + ".rec");
    TestArchives.write(p, o, TestArchives.records(25, name.hashCode()));
    return p;
  }

  @Test
  void writeSeeds(@TempDir Path tmp) throws IOException {
    Map<String, Path> archives = Map.of(
        "zstd", archive(tmp, "zstd", TestArchives.options(CodecId.ZSTD, 900)),
        "deflate", archive(tmp, "deflate", TestArchives.options(CodecId.DEFLATE, 900)),
        "none", archive(tmp, "none", TestArchives.options(CodecId.NONE, 900)),
        "sealed", archive(tmp, "sealed", TestArchives.options(CodecId.ZSTD, 900).withEncryption("fuzz", KEY)));
    Path in = Files.createDirectories(RES.resolve("RecordArchiveFuzzTestInputs/archivesReadRecordsOrFailTyped"));
    for (Map.Entry<String, Path> e : archives.entrySet()) {
      Files.copy(e.getValue(), in.resolve("seed-" + e.getKey()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    Files.createDirectories(RES.resolve("bases"));
    Files.copy(archives.get("sealed"), RES.resolve("bases/sealed.rec"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Path scripts = Files.createDirectories(RES.resolve("RecordArchiveFuzzTestInputs/editsOfAnEncryptedArchiveNeverReadAsRecords"));
    Files.write(scripts.resolve("seed-flip"), new byte[] {0, 0, 1, 0, 3});
    Files.write(scripts.resolve("seed-truncate"), new byte[] {2, 0, 2, 0, 0});
    Path index = tmp.resolve("user.rix");
    try (RecordReader r = RecordArchives.open(archives.get("zstd"), ReaderOptions.defaults())) {
      KeyIndexes.build(r, RecordTypes.utf8(), KeyType.STRING, "first", s -> s.isEmpty() ? null
          : KeyType.encode(s.substring(0, Math.min(3, s.length()))), index);
    }
    Path longs = tmp.resolve("n.rix");
    ArchiveMetadata meta;
    try (RecordReader r = RecordArchives.open(archives.get("none"), ReaderOptions.defaults())) {
      meta = r.metadata();
    }
    try (KeyIndexWriter w = KeyIndexes.writer(longs, KeyType.LONG, "n", meta, "none.rec")) {
      for (int i = 0; i < 40; i++) {
        w.add((long) i * 7 - 50, new Bookmark(64 + 16L * i, i % 3));
      }
    }
    Path ix = Files.createDirectories(RES.resolve("KeyIndexFuzzTestInputs/keyIndexesLookUpOrFailTyped"));
    for (Path p : List.of(index, longs)) {
      Files.copy(p, ix.resolve("seed-" + p.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
