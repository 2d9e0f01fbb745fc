package io.easystore.internal.bytes;

import io.easystore.CorruptContainerException;
import io.easystore.UnsupportedVersionException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The checks every framed region of every format starts or ends with, in the spirit of Lucene's
 * CodecUtil: a magic, a version within a supported range, a checksum. Each header, footer and block
 * parser (DES v1/v2 footers, segment footers, commit records, key blocks, root blocks, FilePacker
 * tables, block-cache files, record volume and page headers, key indexes, ELS headers) goes through
 * here, so the errors have one shape:
 *
 * <ul>
 *   <li>a bad magic or checksum is a {@link CorruptContainerException} naming the container, the
 *       file offset of the field and the region;
 *   <li>a version outside {@code [oldest, newest]} is an {@link UnsupportedVersionException.TooOld}
 *       or {@link UnsupportedVersionException.TooNew}, which is not a {@code CorruptContainerException}
 *       (the file may be good, for another release).
 * </ul>
 *
 * <p>Regions without a version on disk use the magic and checksum checks only; no version is
 * invented for them. Offsets passed in are file offsets of the field checked, so messages point at
 * the byte a user would inspect.
 *
 * <p>Stateless and thread-safe. Buffers are only read, within the given bounds, never kept and
 * never written; a {@link ByteBuffer}'s position and limit are left as they were.
 */
public final class Framing {
  private Framing() {}

  /** Whether {@code magic} is at {@code b[off..]}; false, not an exception, if {@code b} is too short. */
  public static boolean hasMagic(byte[] b, int off, byte[] magic) {
    return off >= 0 && off <= b.length - magic.length
        && Arrays.equals(b, off, off + magic.length, magic, 0, magic.length);
  }

  /** Whether {@code magic} is at absolute index {@code index} of {@code b}. */
  public static boolean hasMagic(ByteBuffer b, int index, byte[] magic) {
    if (index < 0 || index > b.limit() - magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (b.get(index + i) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Checks that {@code magic} is at {@code b[off..]}, else throws {@code problem} (which names the
   * region: "bad footer magic (not a DES container, or truncated)").
   *
   * @param at the file offset of {@code b[off]}
   */
  public static void checkMagic(String container, long at, byte[] b, int off, byte[] magic, String problem)
      throws CorruptContainerException {
    if (!hasMagic(b, off, magic)) {
      throw new CorruptContainerException(container, at, null, problem);
    }
  }

  /** As {@link #checkMagic(String, long, byte[], int, byte[], String)} at absolute index {@code index}. */
  public static void checkMagic(String container, long at, ByteBuffer b, int index, byte[] magic, String problem)
      throws CorruptContainerException {
    if (!hasMagic(b, index, magic)) {
      throw new CorruptContainerException(container, at, null, problem);
    }
  }

  /**
   * Checks that {@code version} of {@code format} (the region, as named in the message: "DES",
   * "DES key block", "record archive") lies in {@code [oldest, newest]}, and returns it.
   *
   * @param at the file offset of the version field
   * @throws UnsupportedVersionException.TooOld below {@code oldest}
   * @throws UnsupportedVersionException.TooNew above {@code newest}
   */
  public static int checkVersion(String container, long at, String format, int version, int oldest, int newest)
      throws UnsupportedVersionException {
    return checkVersion(container, at, null, format, version, oldest, newest);
  }

  /** As {@link #checkVersion(String, long, String, int, int, int)} for a version tied to one entry. */
  public static int checkVersion(String container, long at, String entry, String format, int version, int oldest,
      int newest) throws UnsupportedVersionException {
    if (version < oldest) {
      throw new UnsupportedVersionException.TooOld(container, at, entry, format, version, oldest);
    }
    if (version > newest) {
      throw new UnsupportedVersionException.TooNew(container, at, entry, format, version, newest);
    }
    return version;
  }

  /**
   * CodecUtil's checkHeader: the magic at {@code b[off..]}, then the version byte right after it.
   *
   * @param at the file offset of {@code b[off]}
   * @return the version
   */
  public static int checkMagicVersion(String container, long at, byte[] b, int off, byte[] magic,
      String magicProblem, String format, int oldest, int newest) throws CorruptContainerException,
      UnsupportedVersionException {
    checkMagic(container, at, b, off, magic, magicProblem);
    return checkVersion(container, at + magic.length, format, b[off + magic.length] & 0xff, oldest, newest);
  }

  /**
   * Checks a 32-bit checksum (CRC-32, CRC-32C, a truncated hash): a mismatch is "{@code region}
   * checksum mismatch (stored x, computed y{@code over})".
   *
   * @param at the file offset of the stored checksum (or of the region, where the format's
   *     messages have always pointed there)
   * @param over what the checksum covers, e.g. {@code " over the root block and footer"}, or ""
   */
  public static void checkChecksum(String container, long at, String region, int stored, int computed, String over)
      throws CorruptContainerException {
    String problem = checksumProblem(region, stored, computed, over);
    if (problem != null) {
      throw new CorruptContainerException(container, at, null, problem);
    }
  }

  /**
   * The message {@link #checkChecksum(String, long, String, int, int, String)} would throw, or
   * null if the checksums match: for formats that throw a subclass of their own (a record page's
   * {@code CorruptPageException}).
   */
  public static String checksumProblem(String region, int stored, int computed, String over) {
    return stored == computed ? null : String.format("%s checksum mismatch (stored %08x, computed %08x%s)",
        region, stored, computed, over);
  }

  /** As {@link #checkChecksum(String, long, String, int, int, String)} for a 64-bit hash (xxHash64). */
  public static void checkChecksum(String container, long at, String region, long stored, long computed, String over)
      throws CorruptContainerException {
    if (stored != computed) {
      throw new CorruptContainerException(container, at, null, String.format(
          "%s checksum mismatch (stored %016x, computed %016x%s)", region, stored, computed, over));
    }
  }
}
