package io.easystore.cli;

import io.easystore.DesReader;
import io.easystore.ReaderOptions;
import io.easystore.crypto.KeyUnavailableException;
import io.easystore.cli.keys.KeyOptions;
import io.easystore.mutate.UpdateOptions;
import io.easystore.io.ContainerSink;
import io.easystore.remote.RemoteOptions;
import io.easystore.remote.RemoteSources;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ParentCommand;

/** What every subcommand shares: the terminal and opening containers. */
abstract class Sub implements Callable<Integer> {
  @ParentCommand DesCommand root;

  Terminal terminal() {
    return root.terminal;
  }

  static DesReader open(Path container) throws IOException {
    return DesReader.open(container);
  }

  /**
   * Opens a container location: a path, {@code s3://bucket/key} (with {@code easystore-s3}, which
   * the CLI bundles) or an {@code http(s)://} URL, with the remote settings of {@code remote}.
   */
  static DesReader open(String container, RemoteOptionsMixin remote, KeyOptions keys) throws IOException {
    try {
      return DesReader.open(container, ReaderOptions.defaults().withKeys(keys.provider()), remote.toRemoteOptions());
    } catch (KeyUnavailableException e) {
      throw e.inContainer(container);
    }
  }

  /**
   * Update options for an in-place command (add, rm, mv, compact) on a container that may be
   * encrypted.
   */
  static UpdateOptions updateOptions(UpdateOptions options, KeyOptions keys) {
    // Encrypted containers are never updated in place: the updater refuses them with
    // EncryptedContainerUpdateException, which points at `des rekey`. The key options are still
    // accepted, like on every command, and validated so that bad combinations are usage errors.
    keys.provider();
    return options;
  }

  /**
   * Where a writer sends a new container: a temporary file renamed into place for a path, a
   * multipart upload for {@code s3://bucket/key}; nothing is visible until the sink is published,
   * and closing it unpublished discards everything (aborts the upload).
   */
  static ContainerSink createSink(String location, RemoteOptions remote) throws IOException {
    return RemoteSources.createSink(location, remote);
  }

  static String humanBytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
