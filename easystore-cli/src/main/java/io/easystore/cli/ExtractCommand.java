package io.easystore.cli;

import io.easystore.DesReader;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "extract", mixinStandardHelpOptions = true,
    description = "Write entries out as files below a directory (never outside it).")
final class ExtractCommand extends Sub {
  @Parameters(index = "0", paramLabel = "CONTAINER", description = "The container file.")
  Path container;

  @Parameters(index = "1..*", paramLabel = "NAME", description = "Entries to extract (default: all).")
  List<String> names = new ArrayList<>();

  @Option(names = {"-d", "--directory"}, required = true, paramLabel = "DIR", description = "Target directory.")
  Path dir;

  @Option(names = "--overwrite", description = "Replace files that already exist.")
  boolean overwrite;

  @Override
  public Integer call() throws Exception {
    try (DesReader r = open(container)) {
      List<String> wanted = names.isEmpty() ? r.listFiles() : names;
      // Check every name before writing anything, so a hostile name cannot leave half a tree.
      Map<String, Path> targets = new LinkedHashMap<>();
      long total = 0;
      for (String n : wanted) {
        targets.put(n, SafePaths.resolve(dir, n));
        total += r.entry(n).size();
      }
      Files.createDirectories(dir);
      try (Progress p = terminal().progress("extract", total, "bytes")) {
        for (Map.Entry<String, Path> e : targets.entrySet()) {
          Path target = e.getValue();
          SafePaths.prepareParent(dir, target);
          StandardOpenOption mode = overwrite ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.CREATE_NEW;
          if (overwrite && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            mode = StandardOpenOption.CREATE_NEW;
          }
          try (InputStream in = r.openStream(e.getKey());
              OutputStream out = Files.newOutputStream(target, mode, StandardOpenOption.WRITE,
                  LinkOption.NOFOLLOW_LINKS)) {
            p.step(in.transferTo(out));
          }
        }
      }
      terminal().out().printf("extracted %d entries into %s%n", targets.size(), dir);
    }
    return 0;
  }
}
