package io.easystore.external;

import java.io.IOException;
import java.nio.file.Path;

/** Lets tests of other packages build containers with hostile external keys. */
public final class HostileKeysAccess {
  private HostileKeysAccess() {}

  /** See {@link HostileKeys#v1WithKey}. */
  public static Path v1WithKey(Path dir, String key, long size) throws IOException {
    return HostileKeys.v1WithKey(dir, key, size);
  }
}
