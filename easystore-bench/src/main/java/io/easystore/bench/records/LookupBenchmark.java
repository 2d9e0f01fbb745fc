package io.easystore.bench.records;

import io.easystore.records.Bookmark;
import io.easystore.records.Entry;
import io.easystore.records.KeyIndex;
import io.easystore.records.KeyIndexWriter;
import io.easystore.records.KeyIndexes;
import io.easystore.records.KeyType;
import io.easystore.records.ReaderOptions;
import io.easystore.records.RecordArchives;
import io.easystore.records.RecordCursor;
import io.easystore.records.RecordReader;
import io.easystore.records.RecordTypes;
import io.easystore.records.RecordWriter;
import io.easystore.records.WriterOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Finding the records of one key among 100,000 200-byte JSON records (zstd pages): through the
 * key index, against a full scan that checks each record for the key. Average time per lookup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LookupBenchmark {
  static final int RECORDS = 100_000;

  Path dir;
  Path archive;
  Path indexFile;
  RecordReader reader;
  KeyIndex index;
  final Random random = new Random(7);

  @Setup(Level.Trial)
  public void setup() throws IOException {
    dir = Files.createTempDirectory("bench-lookup");
    archive = dir.resolve("l.rec");
    indexFile = dir.resolve("l.id.rix");
    byte[][] records = Data.records(200, RECORDS, 3);
    try (RecordWriter w = RecordArchives.create(archive, WriterOptions.defaults())) {
      KeyIndexWriter iw = KeyIndexes.writer(indexFile, KeyType.LONG, "id", w.metadata(), w.name());
      for (int i = 0; i < records.length; i++) {
        Bookmark b = w.append(records[i]);
        iw.add(i, b);
      }
      iw.close();
    }
    reader = RecordArchives.open(archive, ReaderOptions.defaults());
    index = KeyIndexes.open(indexFile);
  }

  @TearDown(Level.Trial)
  public void cleanup() throws IOException {
    index.close();
    reader.close();
    Files.deleteIfExists(archive);
    Files.deleteIfExists(indexFile);
    Files.deleteIfExists(dir);
  }

  @Benchmark
  public int viaIndex() throws IOException {
    long id = random.nextInt(RECORDS);
    List<Entry<byte[]>> hits = index.find(reader, Long.toString(id), RecordTypes.bytes());
    return hits.size();
  }

  @Benchmark
  public int viaScan() throws IOException {
    long id = random.nextInt(RECORDS);
    byte[] needle = ("{\"id\":" + id + ",").getBytes(StandardCharsets.UTF_8);
    int hits = 0;
    RecordCursor<byte[]> c = reader.cursor(RecordTypes.bytes());
    while (c.next()) {
      if (startsWith(c.current().value(), needle)) {
        hits++;
      }
    }
    return hits;
  }

  private static boolean startsWith(byte[] b, byte[] prefix) {
    if (b.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
