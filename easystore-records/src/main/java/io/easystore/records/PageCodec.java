package io.easystore.records;

import io.easystore.CorruptContainerException;
import io.easystore.codec.CodecId;
import io.easystore.crypto.AuthenticationFailedException;
import io.easystore.crypto.BlockMovedException;
import io.easystore.crypto.MissingKeyException;
import io.easystore.internal.bytes.ByteBuilder;
import io.easystore.internal.bytes.ByteCursor;
import io.easystore.internal.codec.Codec;
import io.easystore.internal.codec.Codecs;
import io.easystore.internal.crypto.PageSealer;
import io.easystore.io.RangeSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Turns entry streams into stored pages and back: compression, sealing, checksums. Immutable and
 * thread-safe; every method works on buffers it allocates or that the caller owns for the call.
 */
final class PageCodec {
  private final String name;
  private final UUID archiveId;
  private final int version;
  private final boolean archiveEncrypted;
  private final String keyId;
  private final PageSealer sealer;
  private final String keyProblem;
  private final ReaderOptions opts;

  PageCodec(String name, ArchiveMetadata meta, int version, PageSealer sealer, ReaderOptions opts) {
    this(name, meta, version, sealer, opts, null);
  }

  /**
   * {@code version}: the archive's format version from its volume header, which its pages must
   * carry. {@code keyProblem}: why the provider had no key (its message, free of key material), or
   * null.
   */
  PageCodec(String name, ArchiveMetadata meta, int version, PageSealer sealer, ReaderOptions opts,
      String keyProblem) {
    this.keyProblem = keyProblem;
    this.version = version;
    this.name = name;
    this.archiveId = meta.archiveId();
    this.archiveEncrypted = meta.encrypted();
    this.keyId = meta.keyId();
    this.sealer = sealer;
    this.opts = opts;
  }

  String name() {
    return name;
  }

  ReaderOptions options() {
    return opts;
  }

  /** Whether the archive's pages are sealed. */
  boolean encrypted() {
    return archiveEncrypted;
  }

  /**
   * The complete bytes of one page (header, payload, zero padding) for {@code plain[0, plainLen)}.
   * Falls back to storing the entries uncompressed when the codec does not make them smaller.
   */
  byte[] encode(long offset, long created, byte[] plain, int plainLen, int count, Codec codec, byte[] host,
      byte[] app) {
    CodecId used = codec.id();
    byte[] body;
    if (used == CodecId.NONE) {
      body = null;
    } else {
      body = codec.compress(plain, 0, plainLen);
      if (body.length >= plainLen) {
        used = CodecId.NONE;
        body = null;
      }
    }
    int bodyLen = body == null ? plainLen : body.length;
    boolean enc = sealer != null;
    int storedLen = enc ? bodyLen + PageSealer.OVERHEAD : bodyLen;
    byte[] payload;
    if (enc) {
      byte[] prefix = PageHeader.encode(version, offset, used, true, created, count, plainLen, storedLen, 0, host,
          app);
      payload = sealer.seal(body == null ? plain : body, 0, bodyLen, aad(offset, prefix));
    } else {
      payload = body == null ? plain : body;
    }
    int crc = Format.crc(payload, 0, storedLen);
    byte[] header = PageHeader.encode(version, offset, used, enc, created, count, plainLen, storedLen, crc, host, app);
    long end = Format.align(offset + header.length + storedLen);
    byte[] out = new byte[(int) (end - offset)];
    System.arraycopy(header, 0, out, 0, header.length);
    System.arraycopy(payload, 0, out, header.length, storedLen);
    return out;
  }

  /**
   * The associated data of a sealed page from its header encoded with a payload CRC of 0: format 1
   * binds the first 36 header bytes; format 2 binds the whole header but its CRC (host and
   * application included), so no header byte a reader surfaces is left unauthenticated.
   */
  private byte[] aad(long offset, byte[] zeroCrcHeader) {
    if (version == Format.VERSION_1) {
      return PageSealer.associatedData(Format.AAD_PURPOSE, archiveId, offset, zeroCrcHeader, 0,
          Format.SEALED_HEADER_PREFIX);
    }
    return PageSealer.associatedData(Format.AAD_PURPOSE_V2, archiveId, offset, zeroCrcHeader, 0,
        zeroCrcHeader.length - 4);
  }

  /** Reads and validates the header of the page at {@code offset} of a source of {@code size} bytes. */
  PageHeader readHeader(RangeSource src, long offset, long size) throws IOException {
    if (offset < 0 || offset >= size) {
      throw new CorruptPageException(name, offset, null, CorruptPageException.NONE,
          "no page at offset " + offset + " (data ends at " + size + ")", null);
    }
    int want = (int) Math.min(Format.PAGE_HEADER_MAX, size - offset);
    byte[] b = new byte[want];
    src.readFully(offset, ByteBuffer.wrap(b));
    PageHeader h = PageHeader.parse(name, b, want, offset, size, opts);
    if (h.version() != version) {
      // Checksums hold, so a writer stored this page as it is, but under another format than this
      // archive's volume header: copied from another archive, or the volume header was replaced
      // (a format 2 header rewritten as format 1 to drop its seal). Never a crash.
      throw new BlockMovedException(name, offset, null, "page of format " + h.version() + " in a format "
          + version + " archive: it was copied from another archive, or the volume header was replaced");
    }
    return h;
  }

  /**
   * Reads the stored payload of {@code h}, checks its CRC and that the padding after it (as far as
   * the file holds it) is zero, so that every stored byte is checked. A sealed payload whose CRC
   * fails was altered (or torn): {@link AuthenticationFailedException}, without decrypting.
   */
  byte[] readPayload(RangeSource src, PageHeader h) throws IOException {
    byte[] stored = new byte[h.storedLength()];
    src.readFully(h.payloadOffset(), ByteBuffer.wrap(stored));
    if (Format.crc(stored, 0, stored.length) != h.payloadCrc()) {
      if (h.encrypted()) {
        throw new AuthenticationFailedException(name, h.offset(), null,
            "sealed page payload checksum mismatch: its bytes were altered or never completely written");
      }
      throw new CorruptPageException(name, h.offset(), null, CorruptPageException.NONE,
          "page payload checksum mismatch", null);
    }
    long end = h.payloadOffset() + h.storedLength();
    int pad = (int) (Math.min(h.next(), src.size()) - end);
    if (pad > 0) {
      byte[] p = src.readFully(end, pad);
      for (int i = 0; i < pad; i++) {
        if (p[i] != 0) {
          throw new CorruptPageException(name, h.offset(), null, CorruptPageException.NONE,
              "non-zero padding byte at offset " + (end + i) + " after the page payload", null);
        }
      }
    }
    return stored;
  }

  /** Authenticates, decrypts and decompresses a checked payload into the entry stream. */
  byte[] decode(PageHeader h, byte[] stored) throws IOException {
    if (archiveEncrypted && !h.encrypted()) {
      // A plaintext page substituted into an encrypted archive must not be read as authentic.
      throw new AuthenticationFailedException(name, h.offset(), null,
          "unsealed page in an encrypted archive (substituted page)");
    }
    if (h.encrypted() != archiveEncrypted) {
      throw new CorruptPageException(name, h.offset(), null, CorruptPageException.NONE, archiveEncrypted
          ? "unencrypted page in an encrypted archive" : "encrypted page in an unencrypted archive", null);
    }
    byte[] body = stored;
    int bodyLen = stored.length;
    if (h.encrypted()) {
      if (sealer == null) {
        throw new MissingKeyException(keyId, name + " is encrypted with key '" + keyId + "'; "
            + (keyProblem != null ? keyProblem : "supply it (--key-file, --key-env or a KeyProvider)"));
      }
      byte[] prefix = PageHeader.encode(version, h.offset(), h.codec(), true, h.created(), h.entryCount(),
          h.plainLength(), h.storedLength(), 0, h.host().getBytes(StandardCharsets.UTF_8),
          h.application().getBytes(StandardCharsets.UTF_8));
      try {
        body = sealer.open(stored, 0, stored.length, aad(h.offset(), prefix), name, h.offset());
      } catch (AuthenticationFailedException e) {
        // The header and payload checksums held (readPayload ran first), so the bytes are as some
        // writer stored them: the page was sealed for another archive or another position.
        BlockMovedException m = new BlockMovedException(name, h.offset(), null, "sealed page fails AES-GCM "
            + "authentication with key '" + keyId + "' although its checksums are intact: it was copied from "
            + "another archive or position (or altered and re-checksummed)");
        m.addSuppressed(e);
        throw m;
      }
      bodyLen = body.length;
    }
    if (h.codec() == CodecId.NONE) {
      if (bodyLen != h.plainLength()) {
        throw new CorruptPageException(name, h.offset(), null, CorruptPageException.NONE,
            "stored entry stream length " + bodyLen + " differs from the header's " + h.plainLength(), null);
      }
      return body;
    }
    try {
      return Codecs.of(h.codec()).decompressExact(body, 0, bodyLen, h.plainLength(), name, h.offset());
    } catch (CorruptPageException e) {
      throw e;
    } catch (CorruptContainerException e) {
      throw new CorruptPageException(name, h.offset(), null, CorruptPageException.NONE,
          "cannot decompress page: " + e.getMessage(), e);
    }
  }

  /**
   * Splits a decoded entry stream into its records, checking the framing, the record count, the
   * record size limit and the terminator before any record is handed out.
   *
   * @return offsets and lengths, interleaved: {@code [off0, len0, off1, len1, ...]}
   */
  int[] frame(PageHeader h, byte[] plain) throws CorruptPageException {
    int count = h.entryCount();
    int[] spans = new int[2 * count];
    int pos = 0;
    int n = plain.length;
    for (int i = 0; i < count; i++) {
      if (pos + 3 > n || plain[pos] != Format.ENTRY_MARK_0 || plain[pos + 1] != Format.ENTRY_MARK_1) {
        throw entry(h, i, "no record marker at stream position " + pos);
      }
      pos += 2;
      long len = ByteCursor.varLongAt(plain, pos, n, Format.MAX_ENTRY_VARINT);
      if (len < 0) {
        throw entry(h, i, "bad record length varint (truncated, longer than " + Format.MAX_ENTRY_VARINT
            + " bytes or not canonical)");
      }
      pos += ByteBuilder.varLongSize(len);
      if (len > opts.maxItemSize()) {
        throw entry(h, i, "record of " + len + " bytes is above the limit of " + opts.maxItemSize()
            + " (raise it with ReaderOptions.withMaxItemSize or --max-item-size)");
      }
      if (len > n - pos) {
        throw entry(h, i, "record of " + len + " bytes runs past the end of the page");
      }
      spans[2 * i] = pos;
      spans[2 * i + 1] = (int) len;
      pos += (int) len;
    }
    if (pos + Format.TERMINATOR != n || plain[pos] != 0 || plain[pos + 1] != 0) {
      throw new CorruptPageException(name, h.offset(), null, CorruptPageException.NONE,
          "page does not end with the terminator after its " + count + " records", null);
    }
    return spans;
  }

  private CorruptPageException entry(PageHeader h, int index, String problem) {
    return new CorruptPageException(name, h.offset(), new Bookmark(h.offset(), index), CorruptPageException.NONE,
        problem, null);
  }
}
