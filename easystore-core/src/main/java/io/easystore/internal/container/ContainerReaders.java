package io.easystore.internal.container;

import io.easystore.internal.common.Formats;
import io.easystore.CorruptContainerException;
import io.easystore.DesReader;
import io.easystore.ReaderOptions;
import io.easystore.UnsupportedVersionException;
import io.easystore.internal.common.Tail;
import io.easystore.internal.fpack.FpackContainerReader;
import io.easystore.internal.updates.UpdatedContainers;
import io.easystore.internal.v1.V1ContainerReader;
import io.easystore.internal.v1.V1Footer;
import io.easystore.internal.v2.V2ContainerReader;
import io.easystore.internal.v2.V2Footer;
import io.easystore.io.RangeSource;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Opens containers of any supported version: reads the tail of the source in one request and
 * dispatches on the footer's version byte through the one version table, {@link Formats}.
 * Stateless and thread-safe.
 */
public final class ContainerReaders {
  /** Smallest possible container: a v1 header and a v1 footer. */
  static final int MIN_SIZE = V1Footer.HEADER_SIZE + V1Footer.SIZE;
  /** The footer versions this library reads: 1 (the reference layout), 2 (native), 3 (native, encrypted). */
  public static final int OLDEST_SUPPORTED = Formats.OLDEST;
  public static final int NEWEST_SUPPORTED = Formats.NEWEST;

  private ContainerReaders() {}

  /** Opens {@code source}; the returned reader owns it. */
  public static DesReader open(RangeSource source, ReaderOptions options) throws IOException {
    String name = source.name();
    long size = source.size();
    if (size < MIN_SIZE) {
      throw new CorruptContainerException(name, 0, null, "file is " + size
          + " bytes, shorter than the smallest DES container (" + MIN_SIZE + " bytes): truncated or not DES");
    }
    int tailLength = (int) Math.min(size, options.tailBytes());
    long tailStart = size - tailLength;
    ByteBuffer tail = ByteBuffer.allocate(tailLength);
    source.readFully(tailStart, tail);
    tail.flip();
    ByteBuffer footer = tail.duplicate().position(tailLength - V1Footer.SIZE);
    if (FpackContainerReader.isFpack(source, footer)) {
      return FpackContainerReader.open(source, options);
    }
    int version;
    try {
      version = V1Footer.peekVersion(name, footer, size - V1Footer.SIZE);
    } catch (CorruptContainerException e) {
      // A local v2 container whose last commit is incomplete still opens from its update anchor.
      return UpdatedContainers.open(source, options, new Tail(tailStart, tail), -1, e);
    }
    Formats.Kind kind;
    try {
      kind = Formats.dispatch(name, size - V1Footer.SIZE + 8, version);
    } catch (UnsupportedVersionException e) {
      if (io.easystore.io.RangeSources.localPath(source) == null) {
        throw e;
      }
      // A local file whose tail is of no known version may be a torn commit: its anchor decides.
      return UpdatedContainers.open(source, options, new Tail(tailStart, tail), version, null);
    }
    return switch (kind) {
      case V1 -> V1ContainerReader.open(source, options, new Tail(tailStart, tail));
      // Encrypted containers are never updated in place, so there is no commit state to look for.
      case V2_ENCRYPTED -> V2ContainerReader.open(source, options, new Tail(tailStart, tail));
      case V2, V2_UPDATED -> UpdatedContainers.open(source, options, new Tail(tailStart, tail), version, null);
    };
  }
}
