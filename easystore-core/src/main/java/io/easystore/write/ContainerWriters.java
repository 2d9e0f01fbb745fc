package io.easystore.write;

import io.easystore.DesWriter;
import io.easystore.io.ContainerSink;
import java.io.IOException;

/** Factories for container writers. */
public final class ContainerWriters {
  private ContainerWriters() {}

  /** A DES v1 writer owning {@code sink}. */
  public static DesWriter v1(ContainerSink sink) throws IOException {
    return new V1ContainerWriter(sink);
  }
}
