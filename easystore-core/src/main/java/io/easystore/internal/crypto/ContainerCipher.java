package io.easystore.internal.crypto;

import io.easystore.crypto.AuthenticationFailedException;
import io.easystore.crypto.BlockMovedException;
import io.easystore.crypto.BlockTruncatedException;
import io.easystore.crypto.EncryptionInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * Seals and opens the blocks of an encrypted DES v2 container (docs/FORMAT.md, "DES v2
 * encryption"). A <em>box</em> is {@code hint u32 | nonce | ciphertext | tag}: AES-256-GCM from
 * {@link PageSealer} with associated data binding it to the container UUID, a region label, its
 * offset and a per-region extra value, plus a 4-byte placement hint (a CRC of the same context)
 * that only serves to tell a block that was moved or replayed apart from one that was altered.
 *
 * <p>Bodies are sealed in chunks of {@link #chunkBytes()} so that a reader can stream and seek
 * without buffering a whole body before authenticating it; chunk {@code i} carries {@code i} and
 * a "last" bit in its associated data, so chunks cannot be reordered, dropped or cut off.
 *
 * <p>Thread-safe and immutable. Arrays passed in are only read; arrays returned belong to the
 * caller.
 */
public final class ContainerCipher {
  /** Bytes a box adds to its plaintext: hint, nonce and tag. */
  public static final int BOX_OVERHEAD = 4 + PageSealer.OVERHEAD;
  /** Bytes an index page adds: its box length (u32) and the box overhead. */
  public static final int PAGE_OVERHEAD = 4 + BOX_OVERHEAD;
  /** Algorithm name shown to users. */
  public static final String ALGORITHM = "AES-256-GCM";

  /** Region labels bound into the associated data. */
  public static final String BODY = "des2/body";
  public static final String PAGE = "des2/page";
  public static final String ROOT = "des2/root";
  public static final String META = "des2/meta";
  public static final String DICT = "des2/dict";

  private final PageSealer sealer;
  private final UUID uuid;
  private final String container;
  private final int chunkBytes;
  private final boolean protectIndex;

  public ContainerCipher(PageSealer sealer, UUID uuid, String container, int chunkBytes, boolean protectIndex) {
    this.sealer = Objects.requireNonNull(sealer, "sealer");
    this.uuid = Objects.requireNonNull(uuid, "uuid");
    this.container = Objects.requireNonNull(container, "container");
    if (chunkBytes < 1024 || Integer.bitCount(chunkBytes) != 1) {
      throw new IllegalArgumentException("chunkBytes must be a power of two of at least 1 KiB: " + chunkBytes);
    }
    this.chunkBytes = chunkBytes;
    this.protectIndex = protectIndex;
  }

  public String keyId() {
    return sealer.keyId();
  }

  public int chunkBytes() {
    return chunkBytes;
  }

  /** Whether index pages, the root block, metadata and names are sealed too. */
  public boolean protectsIndex() {
    return protectIndex;
  }

  public EncryptionInfo info() {
    return new EncryptionInfo(ALGORITHM, sealer.keyId(), protectIndex, chunkBytes);
  }

  /** Seals {@code len} bytes as a box bound to {@code region}, {@code offset} and {@code extra}. */
  public byte[] box(String region, long offset, long extra, byte[] plain, int off, int len) {
    byte[] aad = aad(region, offset, extra);
    byte[] out = new byte[BOX_OVERHEAD + len];
    ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(hint(aad));
    sealer.sealInto(plain, off, len, aad, out, 4);
    return out;
  }

  /**
   * Authenticates and opens a box.
   *
   * @throws BlockTruncatedException if it is too short to be a box
   * @throws BlockMovedException if it fails and its hint names another place
   * @throws AuthenticationFailedException if it fails otherwise (altered)
   */
  public byte[] unbox(String region, long offset, long extra, byte[] buf, int off, int len, String entry)
      throws AuthenticationFailedException {
    if (len < BOX_OVERHEAD) {
      throw new BlockTruncatedException(container, offset, entry, what(region, extra) + " is " + len
          + " bytes, shorter than an encrypted block's " + BOX_OVERHEAD + " bytes of overhead");
    }
    byte[] aad = aad(region, offset, extra);
    int stored = ByteBuffer.wrap(buf, off, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    byte[] plain;
    try {
      plain = sealer.open(buf, off + 4, len - 4, aad, container, offset);
    } catch (AuthenticationFailedException e) {
      if (stored == hint(aad)) {
        throw new AuthenticationFailedException(container, offset, entry, what(region, extra)
            + " failed AES-GCM authentication with key '" + sealer.keyId() + "': its bytes were altered");
      }
      if (region.equals(BODY) && stored == hint(aad(region, offset, extra ^ 1))) {
        throw new BlockTruncatedException(container, offset, entry, what(region, extra) + ((extra & 1) != 0
            ? " is not the body's last chunk: the body was cut short" : " is a last chunk: the body's length was altered"));
      }
      throw new BlockMovedException(container, offset, entry, what(region, extra)
          + " does not belong here: it was moved, swapped or copied from another container (key '"
          + sealer.keyId() + "')");
    }
    if (stored != hint(aad)) {
      // The hint is outside the tag; checking it keeps every stored byte under verification.
      throw new AuthenticationFailedException(container, offset, entry, what(region, extra)
          + " authenticates but its placement hint was altered");
    }
    return plain;
  }

  private static String what(String region, long extra) {
    switch (region) {
      case BODY:
        return "encrypted body chunk " + (extra >>> 1) + ((extra & 1) != 0 ? " (last)" : "");
      case PAGE:
        return "encrypted index page";
      case ROOT:
        return "encrypted root block";
      case META:
        return "encrypted metadata";
      case DICT:
        return "encrypted dictionary";
      default:
        return "encrypted block (" + region + ")";
    }
  }

  private byte[] aad(String region, long offset, long extra) {
    byte[] x = new byte[8];
    ByteBuffer.wrap(x).order(ByteOrder.LITTLE_ENDIAN).putLong(extra);
    return PageSealer.associatedData(region, uuid, offset, x, 0, 8);
  }

  private static int hint(byte[] aad) {
    CRC32C c = new CRC32C();
    c.update(aad, 0, aad.length);
    return (int) c.getValue();
  }

  // ---- bodies ----

  /** Chunks a body of {@code plainLength} stored-form bytes is sealed in (at least one). */
  public long chunks(long plainLength) {
    return Math.max(1, (plainLength + chunkBytes - 1) / chunkBytes);
  }

  /** The sealed length of a body of {@code plainLength} bytes. */
  public long sealedLength(long plainLength) {
    return plainLength + chunks(plainLength) * BOX_OVERHEAD;
  }

  /**
   * The plaintext length of a sealed body of {@code sealed} bytes.
   *
   * @throws BlockTruncatedException if no body seals to that length
   */
  public long plainLength(long sealed, long offset, String entry) throws BlockTruncatedException {
    long unit = (long) chunkBytes + BOX_OVERHEAD;
    long k = Math.max(1, (sealed + unit - 1) / unit);
    long plain = sealed - k * BOX_OVERHEAD;
    if (sealed < BOX_OVERHEAD || plain < 0 || (k > 1 && plain <= (k - 1) * chunkBytes)) {
      throw new BlockTruncatedException(container, offset, entry, "encrypted body of " + sealed
          + " stored bytes does not divide into sealed chunks of " + chunkBytes + " bytes: truncated or its length altered");
    }
    return plain;
  }

  /** Seals a whole body held in memory. */
  public byte[] sealBody(long dataOffset, byte[] b, int off, int len) {
    long k = chunks(len);
    if (k == 1) {
      return box(BODY, dataOffset, 1, b, off, len);
    }
    byte[] out = new byte[Math.toIntExact(sealedLength(len))];
    int at = 0;
    for (long i = 0; i < k; i++) {
      int from = (int) (i * chunkBytes);
      int n = Math.min(chunkBytes, len - from);
      byte[] box = box(BODY, dataOffset, (i << 1) | (i == k - 1 ? 1 : 0), b, off + from, n);
      System.arraycopy(box, 0, out, at, box.length);
      at += box.length;
    }
    return out;
  }

  /** Opens a whole sealed body; nothing is returned unless every chunk authenticates. */
  public byte[] openBody(long dataOffset, byte[] buf, int off, int len, String entry) throws IOException {
    long plain = plainLength(len, dataOffset, entry);
    long k = chunks(plain);
    if (k == 1) {
      return unbox(BODY, dataOffset, 1, buf, off, len, entry);
    }
    byte[] out = new byte[(int) plain];
    int in = off;
    for (long i = 0; i < k; i++) {
      int n = (int) Math.min(chunkBytes, plain - i * chunkBytes);
      byte[] p = unbox(BODY, dataOffset, (i << 1) | (i == k - 1 ? 1 : 0), buf, in, n + BOX_OVERHEAD, entry);
      System.arraycopy(p, 0, out, (int) (i * chunkBytes), n);
      in += n + BOX_OVERHEAD;
    }
    return out;
  }

  /**
   * A stream that seals what is written to it as body chunks into {@code out} (which its
   * {@link java.io.OutputStream#close()} leaves open); the last chunk is written on close.
   */
  public java.io.OutputStream sealingStream(long dataOffset, java.io.OutputStream out) {
    return new SealingOutputStream(this, dataOffset, out);
  }

  /** A stream of a sealed body's plaintext, authenticated chunk by chunk before it is returned. */
  public java.io.InputStream openingStream(long dataOffset, long sealedLength, java.io.InputStream in, String entry)
      throws BlockTruncatedException {
    return new OpeningInputStream(this, dataOffset, plainLength(sealedLength, dataOffset, entry), in, entry);
  }

  // ---- index pages ----

  /** An index page's bytes before padding: {@code box length u32 | box}. */
  public byte[] sealPage(long offset, int level, byte[] node, int len) {
    byte[] box = box(PAGE, offset, level, node, 0, len);
    byte[] out = new byte[4 + box.length];
    ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(box.length);
    System.arraycopy(box, 0, out, 4, box.length);
    return out;
  }

  /** The length of the sealed part of a page (length prefix and box), validated against the span. */
  public int sealedPageLength(long offset, byte[] buf, int base, int available) throws BlockTruncatedException {
    if (available < PAGE_OVERHEAD) {
      throw new BlockTruncatedException(container, offset, null, "encrypted index page of " + available + " bytes");
    }
    long boxLength = ByteBuffer.wrap(buf, base, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
    if (boxLength < BOX_OVERHEAD || boxLength > available - 4) {
      throw new BlockTruncatedException(container, offset, null, "encrypted index page records a block of "
          + boxLength + " bytes in a span of " + available);
    }
    return 4 + (int) boxLength;
  }

  /** Opens an index page; returns the node bytes. */
  public byte[] openPage(long offset, int level, byte[] buf, int base, int available) throws AuthenticationFailedException {
    int sealed = sealedPageLength(offset, buf, base, available);
    return unbox(PAGE, offset, level, buf, base + 4, sealed - 4, null);
  }
}
