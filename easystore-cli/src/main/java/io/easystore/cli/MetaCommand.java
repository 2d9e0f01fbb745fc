package io.easystore.cli;

import io.easystore.DesReader;
import io.easystore.json.ReferenceJson;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "meta", mixinStandardHelpOptions = true, description = "Print an entry's JSON metadata.")
final class MetaCommand extends Sub {
  @Parameters(index = "0", paramLabel = "CONTAINER", description = "The container file.")
  Path container;

  @Parameters(index = "1", paramLabel = "NAME", description = "The entry.")
  String name;

  @Override
  public Integer call() throws Exception {
    try (DesReader r = open(container)) {
      terminal().out().println(ReferenceJson.MAPPER.writerWithDefaultPrettyPrinter()
          .writeValueAsString(r.getMeta(name)));
    }
    return 0;
  }
}
