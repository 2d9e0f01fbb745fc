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
        o.put("format", r.formatName());
        io.easystore.mutate.SpaceStats space = localSpace(s);
        if (space != null) {
          o.put("liveBodyBytes", space.liveBodyBytes());
          o.put("deadBytes", space.deadBytes());
          o.put("deltaSegments", space.deltaSegments());
        }
        out.println(o);
        return 0;
      }
      out.println("container:  " + r.name());
      out.println("format:     " + r.formatName() + " v" + s.formatVersion());
      out.printf("size:       %d bytes (%s)%n", s.fileSize(), humanBytes(s.fileSize()));
      out.printf("entries:    %d (%d live)%n", s.entries(), s.liveEntries());
      out.printf("bodies:     %d bytes (%s)%n", s.bodyBytes(), humanBytes(s.bodyBytes()));
      out.printf("data:       offset %d, %d bytes%n", s.dataStart(), s.dataBytes());
      out.printf("meta:       offset %d, %d bytes%n", s.metaStart(), s.metaBytes());
      out.printf("index:      offset %d, %d bytes%n", s.indexStart(), s.indexBytes());
      io.easystore.mutate.SpaceStats space = localSpace(s);
      if (space != null) {
        long total = Math.max(1, space.fileBytes());
        out.printf("live:       %d bytes of bodies (%s, %.1f%%)%n", space.liveBodyBytes(),
            humanBytes(space.liveBodyBytes()), 100.0 * space.liveBodyBytes() / total);
        out.printf("dead:       %d bytes (%s, %.1f%%): freed by deletes and replacements, reused by later writes,"
            + " reclaimed by 'des compact'%n", space.deadBytes(), humanBytes(space.deadBytes()),
            100.0 * space.deadBytes() / total);
        out.printf("deltas:     %d index delta segment%s%n", space.deltaSegments(),
            space.deltaSegments() == 1 ? "" : "s");
      }
    }
    return 0;
  }

  /** Live and dead bytes of a local v2 container (which may have been updated in place), else null. */
  private io.easystore.mutate.SpaceStats localSpace(ContainerStats s) throws java.io.IOException {
    if (s.formatVersion() != 2 || container.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*")) {
      return null;
    }
    java.nio.file.Path p = java.nio.file.Path.of(container);
    return java.nio.file.Files.isRegularFile(p) ? io.easystore.mutate.DesUpdater.space(p) : null;
  }
}
