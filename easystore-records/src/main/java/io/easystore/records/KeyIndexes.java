package io.easystore.records;

import io.easystore.io.ContainerSink;
import io.easystore.io.RangeSource;
import io.easystore.io.RangeSources;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;

/** Entry points for secondary key indexes over record archives. */
public final class KeyIndexes {
  private KeyIndexes() {}

  /** A writer for an index over {@code archive}, published at {@code path} when closed. */
  public static KeyIndexWriter writer(Path path, KeyType type, String keyName, ArchiveMetadata archive,
      String archiveName) throws IOException {
    return writer(RangeSources.fileSink(path), type, keyName, archive, archiveName);
  }

  /** A writer for an index into any sink. */
  public static KeyIndexWriter writer(ContainerSink sink, KeyType type, String keyName, ArchiveMetadata archive,
      String archiveName) {
    return new IndexFileWriter(sink, type, keyName, archive.archiveId(), archiveName);
  }

  /** Opens an index file; closing the index closes the file. */
  public static KeyIndex open(Path path) throws IOException {
    RangeSource src = RangeSources.file(path);
    try {
      return new IndexFileReader(src, true);
    } catch (IOException | RuntimeException e) {
      src.close();
      throw e;
    }
  }

  /** Opens an index over any range source; the caller keeps ownership of the source. */
  public static KeyIndex open(RangeSource source) throws IOException {
    return new IndexFileReader(source, false);
  }

  /**
   * Indexes every record of {@code reader} by the key {@code keyOf} extracts (encoded with
   * {@code type}'s rules; {@code null} skips the record). Returns the number of pairs indexed.
   */
  public static <T> long build(RecordReader reader, RecordType<T> recordType, KeyType type, String keyName,
      Function<? super T, byte[]> keyOf, Path path) throws IOException {
    long n = 0;
    KeyIndexWriter w = writer(path, type, keyName, reader.metadata(), reader.name());
    try {
      RecordCursor<T> c = reader.cursor(recordType);
      while (c.next()) {
        byte[] key = keyOf.apply(c.current().value());
        if (key != null) {
          w.addEncoded(key, c.current().bookmark());
          n++;
        }
      }
    } catch (IOException | RuntimeException e) {
      w.abort();
      throw e;
    }
    w.close();
    return n;
  }
}
