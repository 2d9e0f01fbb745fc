package io.easystore.cli;

import io.easystore.DesReader;
import io.easystore.IndexEntry;
import java.io.PrintStream;
import io.easystore.cli.keys.KeyOptions;
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

  @Option(names = {"-0", "--null"},
      description = "End each name with a NUL byte instead of a newline, printed raw (for xargs -0).")
  boolean nul;

  private void name(PrintStream out, String name) {
    if (nul) {
      out.print(name);
      out.print('\0');
    } else {
      out.println(name);
    }
  }

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
          out.printf("%12d %12d %12d %-4s %s%s", e.size(), e.storedLength(), e.dataOffset(), flags(e), shown(name),
              nul ? "\0" : System.lineSeparator());
        } else {
          name(out, shown(name));
        }
      }
    }
    out.flush();
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
      String name = shown(e.baseName()) + (e.isDirectory() ? "/" : "");
      if (longFormat) {
        out.printf("%12d %12d %12d %-4s %s%s", e.size(), e.storedLength(), e.dataOffset(), flags(e), name,
            nul ? "\0" : System.lineSeparator());
      } else {
        name(out, name);
      }
    }
  }

  static String flags(IndexEntry e) {
    return (e.isExternal() ? "x" : "-") + (e.isCompressed() ? "z" : "-") + (e.isEncrypted() ? "e" : "-")
        + (e.isDeleted() ? "d" : "-");
  }

  /** A name as printed: escaped for a terminal, or raw with {@code -0} (NUL-separated, for xargs -0). */
  private String shown(String name) {
    return nul ? name : io.easystore.cli.PrintableText.escape(name);
  }
}
