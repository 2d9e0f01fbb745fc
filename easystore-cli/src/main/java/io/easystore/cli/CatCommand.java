package io.easystore.cli;

import io.easystore.DesReader;
import java.io.InputStream;
import io.easystore.cli.keys.KeyOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "cat", mixinStandardHelpOptions = true, description = "Write an entry's body to standard output.")
final class CatCommand extends Sub {
  @Parameters(index = "0", paramLabel = "CONTAINER",
      description = "The container: a path, s3://bucket/key or an http(s):// URL.")
  String container;

  @Mixin RemoteOptionsMixin remote;

  @Mixin KeyOptions keys;

  @Parameters(index = "1", paramLabel = "NAME", description = "The entry.")
  String name;

  @Override
  public Integer call() throws Exception {
    try (DesReader r = open(container, remote, keys); InputStream in = r.openStream(name)) {
      in.transferTo(terminal().out());
      terminal().out().flush();
    }
    return 0;
  }
}
