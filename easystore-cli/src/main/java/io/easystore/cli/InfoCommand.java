package io.easystore.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.easystore.ContainerStats;
import io.easystore.DesReader;
import io.easystore.json.ReferenceJson;
import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "info", mixinStandardHelpOptions = true,
    description = "Show a container's format, version, counts, sizes and regions.")
final class InfoCommand extends Sub {
  @Parameters(index = "0", paramLabel = "CONTAINER",
      description = "The container: a path, s3://bucket/key or an http(s):// URL.")
  String container;

  @Mixin RemoteOptionsMixin remote;

  @Option(names = "--json", description = "Print the figures as one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintStream out = terminal().out();
    try (DesReader r = open(container, remote)) {
      ContainerStats s = r.stats();
      if (json) {
        ObjectNode o = ReferenceJson.MAPPER.valueToTree(s);
        o.put("container", r.name());
        o.put("format", "DES");
        out.println(o);
        return 0;
      }
      out.println("container:  " + r.name());
      out.println("format:     DES v" + s.formatVersion());
      out.printf("size:       %d bytes (%s)%n", s.fileSize(), humanBytes(s.fileSize()));
      out.printf("entries:    %d (%d live)%n", s.entries(), s.liveEntries());
      out.printf("bodies:     %d bytes (%s)%n", s.bodyBytes(), humanBytes(s.bodyBytes()));
      out.printf("data:       offset %d, %d bytes%n", s.dataStart(), s.dataBytes());
      out.printf("meta:       offset %d, %d bytes%n", s.metaStart(), s.metaBytes());
      out.printf("index:      offset %d, %d bytes%n", s.indexStart(), s.indexBytes());
    }
    return 0;
  }
}
