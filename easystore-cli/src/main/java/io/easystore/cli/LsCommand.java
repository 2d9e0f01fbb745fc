package io.easystore.cli;

import io.easystore.DesReader;
import io.easystore.IndexEntry;
import java.io.PrintStream;
import io.easystore.crypto.cli.KeyOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ls", mixinStandardHelpOptions = true,
    description = "List the entries of a container, or with DIR the files and directories directly inside DIR"
        + " (directories end in '/').")
final class LsCommand extends Sub {
  @Parameters(index = "0", paramLabel = "CONTAINER",
      description = "The container: a path, s3://bucket/key or an http(s):// URL.")
  String container;

  @Parameters(index = "1", arity = "0..1", paramLabel = "DIR",
      description = "A directory of the container to list (the root is '.').")
  String directory;

  @Mixin RemoteOptionsMixin remote;

  @Mixin KeyOptions keys;

  @Option(names = {"-l", "--long"}, description = "Show size, stored length, data offset and flags.")
  boolean longFormat;

  @Override
  public Integer call() throws Exception {
    PrintStream out = terminal().out();
    try (DesReader r = open(container, remote, keys)) {
      if (directory != null) {
        listDirectory(r, out);
        return 0;
      }
      for (String name : r.listFiles()) {
        if (longFormat) {
          IndexEntry e = r.entry(name);
          out.printf("%12d %12d %12d %-4s %s%n", e.size(), e.storedLength(), e.dataOffset(), flags(e), io.easystore.PrintableText.escape(name));
        } else {
          out.println(io.easystore.PrintableText.escape(name));
        }
      }
    }
    return 0;
  }

  private void listDirectory(DesReader r, PrintStream out) throws java.io.IOException {
    String dir = directory.equals(".") || directory.equals("/") ? "" : directory;
    if (dir.endsWith("/")) {
      dir = dir.substring(0, dir.length() - 1);
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (IndexEntry e : r.list(dir)) {
      if (!seen.add(e.baseName())) {
        continue;
      }
      // Names may hold newlines or terminal escapes: one line per entry, nothing interpreted.
      String name = io.easystore.PrintableText.escape(e.baseName()) + (e.isDirectory() ? "/" : "");
      if (longFormat) {
        out.printf("%12d %12d %12d %-4s %s%n", e.size(), e.storedLength(), e.dataOffset(), flags(e), name);
      } else {
        out.println(name);
      }
    }
  }

  static String flags(IndexEntry e) {
    return (e.isExternal() ? "x" : "-") + (e.isCompressed() ? "z" : "-") + (e.isEncrypted() ? "e" : "-")
        + (e.isDeleted() ? "d" : "-");
  }
}
