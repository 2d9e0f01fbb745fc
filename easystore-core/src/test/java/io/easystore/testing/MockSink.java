package io.easystore.testing;

import io.easystore.io.ContainerSink;
import io.easystore.testing.MockLocation.Op;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A {@link MockLocation} sink: counts writes and the publish (a sync and a rename), spends the disk
 * budget, and is tracked as an open handle until closed. Not thread-safe, like any sink.
 */
final class MockSink implements ContainerSink {
  private final MockLocation loc;
  private final ContainerSink s;
  private final String file;

  MockSink(MockLocation loc, ContainerSink s, String file) {
    this.loc = loc;
    this.s = s;
    this.file = file;
  }

  @Override
  public String name() {
    return s.name();
  }

  @Override
  public void write(ByteBuffer src) throws IOException {
    synchronized (loc) {
      loc.op(Op.WRITE, file + " @" + s.position());
      loc.spend(src.remaining(), file);
      s.write(src);
    }
  }

  @Override
  public long position() {
    return s.position();
  }

  @Override
  public void publish() throws IOException {
    synchronized (loc) {
      loc.op(Op.SYNC, file);
      loc.op(Op.RENAME, file);
      s.publish();
      loc.files.remove(file);
    }
  }

  @Override
  public String siblingBaseName() {
    return s.siblingBaseName();
  }

  @Override
  public String siblingPrefix() {
    return s.siblingPrefix();
  }

  @Override
  public ContainerSink sibling(String relativeKey) throws IOException {
    synchronized (loc) {
      loc.alive(relativeKey);
      return loc.track(new MockSink(loc, s.sibling(relativeKey), relativeKey), "sibling sink " + relativeKey);
    }
  }

  @Override
  public void close() throws IOException {
    loc.untrack(this);
    s.close();
  }
}
