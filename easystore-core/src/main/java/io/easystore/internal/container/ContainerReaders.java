package io.easystore.internal.container;

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
 * dispatches on the footer's version byte. Stateless and thread-safe.
 */
public final class ContainerReaders {
  /** Smallest possible container: a v1 header and a v1 footer. */
  static final int MIN_SIZE = V1Footer.HEADER_SIZE + V1Footer.SIZE;
  /** The footer versions this library reads: 1 (the reference layout), 2 (native), 3 (native, encrypted). */
  public static final int OLDEST_SUPPORTED = V1Footer.VERSION;
  public static final int NEWEST_SUPPORTED = V2Footer.VERSION_ENCRYPTED;

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
    if (version == V1Footer.VERSION) {
      return V1ContainerReader.open(source, options, new Tail(tailStart, tail));
    }
    if (version == V2Footer.VERSION_ENCRYPTED) {
      // Encrypted containers are never updated in place, so there is no commit state to look for.
      return V2ContainerReader.open(source, options, new Tail(tailStart, tail));
    }
    if (version == V2Footer.VERSION || version == io.easystore.internal.updates.CommitRecord.VERSION
        || io.easystore.io.RangeSources.localPath(source) != null) {
      return UpdatedContainers.open(source, options, new Tail(tailStart, tail), version, null);
    }
    if (version < OLDEST_SUPPORTED) {
      throw new UnsupportedVersionException.TooOld(name, size - V1Footer.SIZE + 8, version, OLDEST_SUPPORTED);
    }
    throw new UnsupportedVersionException.TooNew(name, size - V1Footer.SIZE + 8, version, NEWEST_SUPPORTED);
  }
}
