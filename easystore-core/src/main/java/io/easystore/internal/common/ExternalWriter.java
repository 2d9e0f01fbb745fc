package io.easystore.internal.common;

import io.easystore.ChecksumKind;
import io.easystore.IndexEntry;
import io.easystore.WriterOptions;
import io.easystore.internal.codec.Codec;
import io.easystore.internal.crypto.ContainerCipher;
import io.easystore.internal.json.ReferenceJson;
import io.easystore.io.ContainerSink;
import io.easystore.internal.io.SiblingKeys;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Stores bodies above {@link WriterOptions#externalThreshold()} as sibling objects of the
 * container: {@code <container name>.ext/<container uuid>/<n>}, n counting external bodies from 0
 * in add order. Each sibling holds exactly the stored body, written by a {@link BodyEncoder} over
 * the sibling's sink, so compression and checksums are those of an inline body; the entry is
 * flagged {@link IndexEntry#EXTERNAL} with data offset 0 and its metadata carries
 * {@code "is_external": true} and {@code "external_key"}. Each sibling is published as soon as
 * its body is complete (before the container); the container sink removes them if the container
 * is not published.
 *
 * <p>Not thread-safe: owned by one writer.
 */
public final class ExternalWriter {
  private final ContainerSink sink;
  private final long threshold;
  private final ChecksumKind kind;
  private final Path tempDir;
  private final UUID uuid;
  private final ContainerCipher cipher;
  private long next;

  /** @param cipher seals sibling bodies as inline ones are (at offset 0 of the sibling); null: plaintext */
  public ExternalWriter(ContainerSink sink, WriterOptions options, UUID uuid, ContainerCipher cipher) {
    this.cipher = cipher;
    this.sink = sink;
    this.threshold = options.externalThreshold();
    this.kind = options.checksum();
    this.tempDir = options.tempDir();
    this.uuid = uuid;
  }

  public boolean enabled() {
    return threshold != WriterOptions.NO_EXTERNAL;
  }

  /** Whether a body of {@code length} bytes goes to a sibling. */
  public boolean exceeds(long length) {
    return length > threshold;
  }

  /** The key of the next external body. */
  public String nextKey() throws IOException {
    String base = sink.siblingBaseName();
    if (base == null) {
      throw new IOException(sink.name() + ": bodies above the external threshold of " + threshold
          + " bytes need a sink that can create sibling objects (a local file or S3); raise the threshold");
    }
    String key = base + ".ext/" + uuid + "/" + next;
    String problem = SiblingKeys.problem(key);
    if (problem != null) {
      throw new IOException(sink.name() + ": the container's name cannot prefix a sibling key (" + problem
          + "); rename the container or raise the external threshold");
    }
    next++;
    return key;
  }

  /**
   * DES v1: where the original writer puts an external body, {@code _bigFiles/<name>} in the
   * container's directory (the original readers look there); {@link #nextKey} when the name cannot
   * be a sibling key (a '#', say). Like the original, two containers in one directory with an
   * external body of the same name share that object: the later pack replaces it.
   */
  public String v1Location(String name) throws IOException {
    String key = "_bigFiles/" + name;
    if (sink.siblingBaseName() == null || SiblingKeys.problem(key) != null) {
      return nextKey();
    }
    return key;
  }

  /** The {@code external_key} the original writer records for {@code location}: bucket-absolute. */
  public String v1MetaKey(String location) {
    String prefix = sink.siblingPrefix();
    return prefix.isEmpty() ? location : prefix + "/" + location;
  }

  /** A copy of {@code meta} (or a new object) that records the body as external at {@code key}. */
  public static ObjectNode withKey(ObjectNode meta, String key) {
    ObjectNode m = meta == null ? ReferenceJson.object() : meta.deepCopy();
    m.put("is_external", true);
    m.put("external_key", key);
    return m;
  }

  /** Writes a body held in memory to sibling {@code key} and fills the body fields of {@code e}. */
  public void write(String key, byte[] body, Codec codec, EntryFields e) throws IOException {
    try (ContainerSink s = sink.sibling(key)) {
      new BodyEncoder(s, kind, cipher).write(body, 0, body.length, codec, 0, e);
      s.publish();
    }
    markExternal(e);
  }

  /** Streams a body ({@code head} then {@code rest}) to sibling {@code key}. */
  public void write(String key, byte[] head, int headLength, InputStream rest, Codec codec, EntryFields e)
      throws IOException {
    try (ContainerSink s = sink.sibling(key)) {
      new BodyEncoder(s, kind, cipher).writeLarge(head, headLength, rest, codec, e);
      s.publish();
    }
    markExternal(e);
  }

  private static void markExternal(EntryFields e) {
    e.flags |= IndexEntry.EXTERNAL;
    e.dataOffset = 0;
  }

  /**
   * Reads a body of unknown length until it is known to exceed the threshold or has ended: the
   * first {@link BodyEncoder#IN_MEMORY_LIMIT} bytes in memory, then up to the threshold in a
   * temporary file.
   */
  public Intake take(InputStream body) throws IOException {
    int first = (int) Math.min(BodyEncoder.IN_MEMORY_LIMIT, threshold + 1);
    byte[] head = body.readNBytes(first);
    if (head.length < first) {
      return new Intake(head, null, null, false);
    }
    if (exceeds(head.length)) {
      return new Intake(head, null, body, true);
    }
    Spool spool = new Spool(tempDir, "des-body-", 0);
    try {
      byte[] chunk = new byte[64 << 10];
      long total = head.length;
      while (!exceeds(total)) {
        int n = body.read(chunk, 0, (int) Math.min(chunk.length, threshold + 1 - total));
        if (n < 0) {
          spool.finishWriting();
          return new Intake(head, spool, null, false);
        }
        spool.write(chunk, 0, n);
        total += n;
      }
      spool.finishWriting();
      return new Intake(head, spool, body, true);
    } catch (IOException | RuntimeException e) {
      spool.close();
      throw e;
    }
  }

  /**
   * A body read far enough to decide where it goes: {@code head}, then the spooled bytes (if any),
   * then the rest of the caller's stream (if it has not ended).
   */
  public static final class Intake implements Closeable {
    private final byte[] head;
    private final Spool spool;
    private final InputStream rest;
    private final boolean external;
    private InputStream opened;

    private Intake(byte[] head, Spool spool, InputStream rest, boolean external) {
      this.head = head;
      this.spool = spool;
      this.rest = rest;
      this.external = external;
    }

    public boolean external() {
      return external;
    }

    /** The whole body is {@link #head()}. */
    public boolean complete() {
      return spool == null && rest == null;
    }

    public byte[] head() {
      return head;
    }

    /** Everything after the head; not closed by the reader (the caller's stream stays theirs). */
    public InputStream remainder() throws IOException {
      InputStream spooled = spool == null ? InputStream.nullInputStream() : spool.open();
      opened = spooled;
      return rest == null ? spooled : new SequenceInputStream(spooled, rest);
    }

    @Override
    public void close() throws IOException {
      try {
        if (opened != null) {
          opened.close();
        }
      } finally {
        if (spool != null) {
          spool.close();
        }
      }
    }
  }
}
