package io.easystore.internal.fpack;

import io.easystore.CorruptContainerException;
import io.easystore.IndexEntry;
import io.easystore.LimitExceededException;
import io.easystore.internal.bytes.Framing;
import io.easystore.internal.common.Formats;
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
    // The layout has no magic: the version byte is its only frame.
    Framing.checkVersion(name, 0, "FilePacker", head.get(0) & 0xff, Formats.FPACK_OLDEST, Formats.FPACK_NEWEST);
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
    long[] nameOffsets = new long[count];
    String[] names = names(table, count, name, nameOffsets);
    for (int i = 0; i < count; i++) {
      long nameAt = nameOffsets[i];
      String path = names[i];
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

  /**
   * The names as the original reads them. Its writer pads each name to 128 <em>characters</em>
   * ({@code ljust(128)}), joins them, encodes the whole block as UTF-8 and truncates it to
   * {@code 128 x count} bytes; its reader decodes the block and slices it every 128 characters
   * (code points), then strips trailing spaces. So a non-ASCII name does not shift later names, and
   * the bytes its extra UTF-8 length costs come off the end of the block: the last names lose
   * padding (or, with enough non-ASCII text, characters). A character cut in two by that
   * truncation is dropped; any other malformed UTF-8 is corrupt.
   */
  static String[] names(ByteBuffer table, int count, String container, long[] offsets)
      throws CorruptContainerException {
    int blockLength = count * NAME_BYTES;
    byte[] block = new byte[blockLength];
    table.get(0, block);
    int end = blockLength - incompleteTail(block, blockLength);
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(block, 0, end);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(end);
    java.nio.charset.CoderResult r = utf8.decode(in, out, true);
    if (r.isError()) {
      int at = in.position();
      throw new CorruptContainerException(container, HEADER_BYTES + (long) at, null,
          "file names are not valid UTF-8 (byte " + at + " of the name table)");
    }
    out.flip();
    String text = out.toString();
    String[] names = new String[count];
    int pos = 0;
    long byteAt = HEADER_BYTES;
    for (int i = 0; i < count; i++) {
      int from = pos;
      offsets[i] = byteAt;
      for (int k = 0; k < NAME_BYTES && pos < text.length(); k++) {
        int cp = text.codePointAt(pos);
        pos += Character.charCount(cp);
        byteAt += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      }
      int stop = pos;
      while (stop > from && text.charAt(stop - 1) == ' ') {
        stop--;
      }
      names[i] = text.substring(from, stop);
    }
    return names;
  }

  /** Bytes at the end of {@code b[0, len)} that begin a UTF-8 sequence they do not complete. */
  static int incompleteTail(byte[] b, int len) {
    for (int back = 1; back <= 3 && back <= len; back++) {
      int x = b[len - back] & 0xff;
      if ((x & 0xC0) == 0x80) {
        continue;
      }
      int need = x >= 0xF0 ? 4 : x >= 0xE0 ? 3 : x >= 0xC0 ? 2 : 1;
      return need > back ? back : 0;
    }
    return 0;
  }

  private static String decode(CharsetDecoder utf8, ByteBuffer padded, String container, long at, String entry)
      throws CorruptContainerException {
    int end = padded.limit();
    // The base path is padded and truncated like the name block: a cut character is dropped.
    byte[] raw = new byte[end - padded.position()];
    padded.get(padded.position(), raw);
    end -= incompleteTail(raw, raw.length);
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
