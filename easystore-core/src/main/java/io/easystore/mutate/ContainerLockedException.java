package io.easystore.mutate;

import java.io.IOException;

/** Another updater (in this or another process) holds the container's write lock. Immutable. */
public final class ContainerLockedException extends IOException {
  private static final long serialVersionUID = 1L;

  public ContainerLockedException(String container) {
    super(container + ": another writer has this container open for update; only one writer at a time");
  }
}
