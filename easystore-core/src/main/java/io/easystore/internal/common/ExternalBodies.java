package io.easystore.internal.common;

import io.easystore.CorruptContainerException;
import io.easystore.ExternalBodyException;
import io.easystore.IndexEntry;
import io.easystore.io.RangeSource;
import io.easystore.internal.io.SiblingKeys;
import io.easystore.remote.RemoteSources;
import io.easystore.io.RequestStats;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Opens the sibling objects that hold external bodies. The key comes from the entry's metadata
 * ({@code "external_key"}) and is hostile input: it must satisfy {@link SiblingKeys}, and the
 * sibling's length must equal the entry's stored length, or the read fails with a
 * {@link CorruptContainerException} (an {@link ExternalBodyException} for a missing or replaced
 * sibling) naming the container, the metadata's offset and the entry. The stored bytes of a
 * sibling are then decoded and checked exactly like an inline body (by the format's {@link BodyDecoder}).
 *
 * <p>Thread-safe. Each read opens its own sibling source and closes it when done (a stream or
 * channel closes it when closed); the request counters of closed siblings are accumulated here.
 */
public final class ExternalBodies {
  /** Reads an entry's metadata object. */
  public interface MetaReader {
    JsonNode read(IndexEntry e) throws IOException;
  }

  /** Reads one whole body. */
  public interface BodyRead {
    byte[] read(IndexEntry e) throws IOException;
  }

  private final RangeSource container;
  private final MetaReader meta;
  private final LongAdder requests = new LongAdder();
  private final LongAdder bytes = new LongAdder();
  private final LongAdder retries = new LongAdder();

  public ExternalBodies(RangeSource container, MetaReader meta) {
    this.container = container;
    this.meta = meta;
  }


  /** The relative key of an external entry's sibling, checked. */
  String key(IndexEntry e) throws IOException {
    JsonNode k = e.metaLength() == 0 ? null : meta.read(e).get("external_key");
    if (k == null || !k.isTextual()) {
      throw new CorruptContainerException(container.name(), e.metaOffset(), e.name(),
          "external entry without a textual \"external_key\" in its metadata");
    }
    String key = k.textValue();
    String problem = SiblingKeys.problem(key);
    if (problem != null) {
      throw new CorruptContainerException(container.name(), e.metaOffset(), e.name(), problem + ": '"
          + printable(key) + "'");
    }
    return key;
  }

  /** The sibling holding {@code e}'s stored body (at offset 0), checked; the caller closes it. */
  public RangeSource open(IndexEntry e) throws IOException {
    String key = key(e);
    if (e.dataOffset() != 0) {
      // The format fixes data_offset at 0 for external entries; another value would make reads run
      // past the sibling's end.
      throw new ExternalBodyException(container.name(), e.metaOffset(), e.name(), key, "external entry has"
          + " data_offset " + e.dataOffset() + " (must be 0, the body is the whole sibling object '" + key + "')",
          null);
    }
    RangeSource s;
    try {
      s = openEitherForm(key);
    } catch (NoSuchFileException ex) {
      throw new ExternalBodyException(container.name(), e.metaOffset(), e.name(), key,
          "the sibling object '" + key + "' holding the external body is missing", ex);
    } catch (IllegalArgumentException ex) {
      throw new CorruptContainerException(container.name(), e.metaOffset(), e.name(), ex.getMessage(), ex);
    } catch (IOException ex) {
      if (ex.getClass() != IOException.class) {
        throw ex;
      }
      // A plain IOException here is a source that cannot reach siblings at all (memory, stream):
      // say which entry needed one and how to reach it, instead of an error naming only the source.
      throw new ExternalBodyException(container.name(), e.metaOffset(), e.name(), key, "the external body '" + key
          + "' cannot be read through this source (" + ex.getMessage() + "); open the container from a file,"
          + " an http(s) URL or s3:// to read external entries", ex);
    }
    Sibling sibling = new Sibling(s);
    try {
      long size = s.size();
      if (size != e.storedLength()) {
        throw new ExternalBodyException(container.name(), e.metaOffset(), e.name(), key, "the sibling object '"
            + key + "' is " + size + " bytes, the index says " + e.storedLength()
            + ": it was replaced or truncated", null);
      }
      return sibling;
    } catch (IOException | RuntimeException ex) {
      sibling.close();
      throw ex;
    }
  }

  /**
   * Opens the sibling for {@code key}: a key that repeats the container's directory (the original
   * writer's bucket-absolute {@code <prefix>/_bigFiles/<name>}) is tried first without the repeated
   * segments, then every key relative to the container's directory (this library's form). Both stay
   * inside that directory.
   */
  private RangeSource openEitherForm(String key) throws IOException {
    String alternative = SiblingKeys.bucketAbsoluteAlternative(container.name(), key);
    if (alternative == null) {
      return container.sibling(key);
    }
    try {
      return container.sibling(alternative);
    } catch (NoSuchFileException notThere) {
      // Not the original writer's layout after all: the key is relative, as this library writes it.
      try {
        return container.sibling(key);
      } catch (NoSuchFileException neither) {
        neither.addSuppressed(notThere);
        throw neither;
      }
    }
  }

  /** The stored bytes of an external body as a stream that closes the sibling when closed. */
  public InputStream storedStream(IndexEntry e) throws IOException {
    RangeSource s = open(e);
    return new FilterInputStream(new EntryInputStream(s, 0, e.storedLength())) {
      @Override
      public void close() throws IOException {
        try {
          super.close();
        } finally {
          s.close();
        }
      }
    };
  }

  /** A channel over an external body's original bytes that closes the sibling when closed. */
  public SeekableByteChannel channel(IndexEntry e, BodyDecoder bodies, boolean verify) throws IOException {
    RangeSource s = open(e);
    try {
      return new ClosingChannel(new EntryChannel(s, e, bodies, verify), s);
    } catch (IOException | RuntimeException ex) {
      s.close();
      throw ex;
    }
  }

  /** Fills {@code out[i]} for each external entry of a batch, one read each (never merged into ranges). */
  public static void readEach(List<IndexEntry> wanted, byte[][] out, BodyRead bodies) throws IOException {
    for (int i = 0; i < out.length; i++) {
      if (wanted.get(i).isExternal()) {
        out[i] = bodies.read(wanted.get(i));
      }
    }
  }

  /** The container source's counters plus those of every sibling opened and closed so far. */
  public Optional<RequestStats.Snapshot> requestStats() {
    Optional<RequestStats.Snapshot> own = RemoteSources.requestStats(container);
    long r = requests.sum();
    if (own.isEmpty() && r == 0) {
      return own;
    }
    RequestStats.Snapshot c = own.orElse(RequestStats.Snapshot.ZERO);
    return Optional.of(new RequestStats.Snapshot(c.requests() + r, c.bytes() + bytes.sum(),
        c.retries() + retries.sum()));
  }

  private static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length() && sb.length() < 120; i++) {
      char c = s.charAt(i);
      sb.append(Character.isISOControl(c) ? '?' : c);
    }
    return sb.length() < s.length() ? sb + "..." : sb.toString();
  }

  /** A sibling source that adds its request counters to the reader's when closed. */
  private final class Sibling extends io.easystore.io.ForwardingRangeSource {
    private boolean closed;

    Sibling(RangeSource delegate) {
      super(delegate);
    }

    @Override
    public synchronized void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      RemoteSources.requestStats(delegate).ifPresent(s -> {
        requests.add(s.requests());
        bytes.add(s.bytes());
        retries.add(s.retries());
      });
      delegate.close();
    }
  }

  /** Closes the sibling with the channel. */
  private static final class ClosingChannel extends io.easystore.internal.io.ForwardingChannel {
    private final RangeSource sibling;

    ClosingChannel(SeekableByteChannel channel, RangeSource sibling) {
      super(channel);
      this.sibling = sibling;
    }

    @Override
    public void close() throws IOException {
      try {
        delegate.close();
      } finally {
        sibling.close();
      }
    }
  }
}
