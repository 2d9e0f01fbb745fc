package io.easystore.cli;

import io.easystore.DesReader;
import io.easystore.IndexEntry;
import io.easystore.mutate.DesUpdater;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import io.easystore.cli.keys.KeyOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rm", mixinStandardHelpOptions = true,
    description = "Delete entries of a DES v2 container in place (a tombstone each; the space is reused by later"
        + " writes and reclaimed by 'des compact').")
final class RmCommand extends Sub {
  @Parameters(index = "0", paramLabel = "CONTAINER", description = "The local container to update.")
  Path container;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "PATH", description = "Entries to delete.")
  List<String> paths;

  @Option(names = {"-r", "--recursive"}, description = "Delete directories with everything below them.")
  boolean recursive;

  @Mixin KeyOptions keys;

  @Override
  public Integer call() throws Exception {
    int[] count = {0};
    try (DesUpdater u = DesUpdater.open(container, updateOptions(io.easystore.mutate.UpdateOptions.defaults(), keys))) {
      for (String p : paths) {
        delete(u, trim(p), count);
      }
      u.commit();
    }
    terminal().out().printf("deleted %d entr%s from %s%n", count[0], count[0] == 1 ? "y" : "ies", container);
    return 0;
  }

  static String trim(String p) {
    String s = p;
    while (s.endsWith("/") && s.length() > 1) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  private void delete(DesUpdater u, String path, int[] count) throws IOException {
    if (recursive) {
      List<IndexEntry> children;
      try (DesReader v = u.view()) {
        children = v.isDirectory(path) ? v.list(path) : List.of();
      }
      for (IndexEntry c : children) {
        delete(u, c.name(), count);
      }
    }
    u.delete(path);
    count[0]++;
  }
}
