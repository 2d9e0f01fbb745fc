package io.easystore.internal.container;

import io.easystore.DesWriter;
import io.easystore.WriterOptions;
import io.easystore.internal.common.BufferedSink;
import io.easystore.internal.v1.V1ContainerWriter;
import io.easystore.internal.v2.V2ContainerWriter;
import io.easystore.io.ContainerSink;
import java.io.IOException;

/** Factories for container writers. */
public final class ContainerWriters {
  private ContainerWriters() {}

  /** A writer for {@code options.formatVersion()} owning {@code sink}. */
  public static DesWriter create(ContainerSink sink, WriterOptions options) throws IOException {
    if (options.formatVersion() == 1) {
      return new V1ContainerWriter(sink, options);
    }
    try {
      return new V2ContainerWriter(new BufferedSink(sink), options);
    } catch (RuntimeException e) {
      sink.close();
      throw e;
    }
  }
}
