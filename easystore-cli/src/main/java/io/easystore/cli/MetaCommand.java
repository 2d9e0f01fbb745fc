package io.easystore.cli;

import io.easystore.DesReader;
import io.easystore.internal.json.ReferenceJson;
import io.easystore.cli.keys.KeyOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "meta", mixinStandardHelpOptions = true, description = "Print an entry's JSON metadata.")
final class MetaCommand extends Sub {
  @Parameters(index = "0", paramLabel = "CONTAINER",
      description = "The container: a path, s3://bucket/key or an http(s):// URL.")
  String container;

  @Mixin RemoteOptionsMixin remote;

  @Mixin KeyOptions keys;

  @Parameters(index = "1", paramLabel = "NAME", description = "The entry.")
  String name;

  @Override
  public Integer call() throws Exception {
    try (DesReader r = open(container, remote, keys)) {
      terminal().out().println(ReferenceJson.MAPPER.writerWithDefaultPrettyPrinter()
          .writeValueAsString(r.getMeta(name)));
    }
    return 0;
  }
}
