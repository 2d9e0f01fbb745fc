package io.easystore.cli;

import io.easystore.DesReader;
import java.io.InputStream;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "cat", mixinStandardHelpOptions = true, description = "Write an entry's body to standard output.")
final class CatCommand extends Sub {
  @Parameters(index = "0", paramLabel = "CONTAINER", description = "The container file.")
  Path container;

  @Parameters(index = "1", paramLabel = "NAME", description = "The entry.")
  String name;

  @Override
  public Integer call() throws Exception {
    try (DesReader r = open(container); InputStream in = r.openStream(name)) {
      in.transferTo(terminal().out());
      terminal().out().flush();
    }
    return 0;
  }
}
