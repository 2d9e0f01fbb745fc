package io.easystore.cli;

import io.easystore.DesReader;
import io.easystore.IndexEntry;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ls", mixinStandardHelpOptions = true, description = "List the entries of a container.")
final class LsCommand extends Sub {
  @Parameters(index = "0", paramLabel = "CONTAINER", description = "The container file.")
  Path container;

  @Option(names = {"-l", "--long"}, description = "Show size, stored length, data offset and flags.")
  boolean longFormat;

  @Override
  public Integer call() throws Exception {
    PrintStream out = terminal().out();
    try (DesReader r = open(container)) {
      for (String name : r.listFiles()) {
        if (longFormat) {
          IndexEntry e = r.entry(name);
          out.printf("%12d %12d %12d %-4s %s%n", e.size(), e.storedLength(), e.dataOffset(), flags(e), name);
        } else {
          out.println(name);
        }
      }
    }
    return 0;
  }

  static String flags(IndexEntry e) {
    return (e.isExternal() ? "x" : "-") + (e.isCompressed() ? "z" : "-") + (e.isEncrypted() ? "e" : "-")
        + (e.isDeleted() ? "d" : "-");
  }
}
