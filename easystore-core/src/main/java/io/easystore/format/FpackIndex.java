package io.easystore.format;

import io.easystore.CorruptContainerException;
import io.easystore.IndexEntry;
import io.easystore.LimitExceededException;
import io.easystore.io.RangeSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the table of a FilePacker v1 pack ({@code .fpack}): version, count, base path, padded
 * names and sizes; bodies follow back to back. The layout has no magic, so {@link #looksLikeFpack}
 * checks that the numbers add up to the file length exactly before anyone trusts them.
 *
 * <p>Stateless and thread-safe.
 */
public final class FpackIndex {
  public static final int VERSION = 1;
  static final int BASE_PATH_BYTES = 256;
  static final int NAME_BYTES = 128;
  /** version u8 + num_files u64 + base path. */
  public static final int HEADER_BYTES = 1 + 8 + BASE_PATH_BYTES;

  /** The parsed table. */
  public record Table(String basePath, List<IndexEntry> entries, long bodiesStart) {
    public Table {
      entries = List.copyOf(entries);
    }
  }

  private FpackIndex() {}

  /** Whether the first bytes and the length are consistent with a FilePacker pack. */
  public static boolean looksLikeFpack(RangeSource source) throws IOException {
    long size = source.size();
    if (size < HEADER_BYTES) {
      return false;
    }
    ByteBuffer head = ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN);
    source.readFully(0, head);
    long n = head.getLong(1);
    return head.get(0) == VERSION && n >= 0 && n <= (size - HEADER_BYTES) / (NAME_BYTES + 8);
  }

  /** Reads and validates the whole table; {@code maxEntries} bounds what is allocated. */
  public static Table read(RangeSource source, long maxEntries) throws IOException {
    String name = source.name();
    long size = source.size();
    if (size < HEADER_BYTES) {
      throw new CorruptContainerException(name, 0, null, "file is " + size
          + " bytes, shorter than a FilePacker header (" + HEADER_BYTES + ")");
    }
    ByteBuffer head = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    source.readFully(0, head);
    int version = head.get(0) & 0xff;
    if (version != VERSION) {
      throw new CorruptContainerException(name, 0, null, "FilePacker version " + version + " (only 1 exists)");
    }
    long n = head.getLong(1);
    if (n < 0 || n > (size - HEADER_BYTES) / (NAME_BYTES + 8)) {
      throw new CorruptContainerException(name, 1, null, "num_files " + Long.toUnsignedString(n)
          + " cannot fit in a file of " + size + " bytes");
    }
    if (n > maxEntries) {
      throw new LimitExceededException(name, 1, null, "entry count", n, maxEntries,
          "ReaderOptions.withMaxEntries or -Deasystore.maxEntries");
    }
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    String base = decode(utf8, head.duplicate().position(9).limit(HEADER_BYTES), name, 9, null);
    int count = (int) n;
    ByteBuffer table = ByteBuffer.allocate(count * (NAME_BYTES + 8)).order(ByteOrder.LITTLE_ENDIAN);
    source.readFully(HEADER_BYTES, table);
    long bodiesStart = HEADER_BYTES + (long) count * (NAME_BYTES + 8);
    long offset = bodiesStart;
    List<IndexEntry> entries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long nameAt = HEADER_BYTES + (long) i * NAME_BYTES;
      String path = decode(utf8, table.duplicate().position(i * NAME_BYTES).limit((i + 1) * NAME_BYTES),
          name, nameAt, "#" + i);
      if (path.isEmpty()) {
        throw new CorruptContainerException(name, nameAt, "#" + i, "empty file name");
      }
      long sizeAt = HEADER_BYTES + (long) count * NAME_BYTES + 8L * i;
      long bodySize = table.getLong(count * NAME_BYTES + 8 * i);
      if (bodySize < 0 || bodySize > size - offset) {
        throw new CorruptContainerException(name, sizeAt, path, "size " + Long.toUnsignedString(bodySize)
            + " runs past the end of the file (" + size + " bytes)");
      }
      entries.add(IndexEntry.v1(path, offset, bodySize, 0, 0, 0));
      offset += bodySize;
    }
    if (offset != size) {
      throw new CorruptContainerException(name, offset, null, (size - offset)
          + " bytes after the last body: sizes do not add up to the file length");
    }
    return new Table(base, entries, bodiesStart);
  }

  private static String decode(CharsetDecoder utf8, ByteBuffer padded, String container, long at, String entry)
      throws CorruptContainerException {
    int end = padded.limit();
    while (end > padded.position() && padded.get(end - 1) == ' ') {
      end--;
    }
    try {
      return utf8.decode(padded.limit(end)).toString();
    } catch (CharacterCodingException e) {
      throw new CorruptContainerException(container, at, entry, "name is not valid UTF-8", e);
    }
  }
}
