package io.easystore.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.easystore.ContainerStats;
import io.easystore.DesReader;
import io.easystore.crypto.EncryptionInfo;
import io.easystore.crypto.KeyUnavailableException;
import io.easystore.internal.json.ReferenceJson;
import java.io.PrintStream;
import java.util.Optional;
import io.easystore.cli.keys.KeyOptions;
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

  @Mixin KeyOptions keys;

  @Option(names = "--json", description = "Print the figures as one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintStream out = terminal().out();
    DesReader opened;
    try {
      opened = open(container, remote, keys);
    } catch (KeyUnavailableException e) {
      // What can be said without the key: that it is encrypted, and with which key id.
      String reason = e.reason().name().toLowerCase(java.util.Locale.ROOT);
      if (json) {
        ObjectNode o = ReferenceJson.object();
        o.put("container", container);
        ObjectNode enc = o.putObject("encryption");
        enc.put("keyId", e.keyId());
        enc.put("keyAvailable", false);
        enc.put("reason", reason);
        out.println(o);
      } else {
        out.println("container:  " + container);
        out.println("encryption: encrypted (key '" + e.keyId() + "' not available: " + reason + ")");
      }
      return 0;
    }
    try (DesReader r = opened) {
      ContainerStats s = r.stats();
      Optional<EncryptionInfo> encryption = r.encryption();
      if (json) {
        ObjectNode o = ReferenceJson.MAPPER.valueToTree(s);
        o.put("container", r.name());
        o.put("format", r.formatName());
        if (encryption.isPresent()) {
          ObjectNode enc = o.putObject("encryption");
          enc.put("algorithm", encryption.get().algorithm());
          enc.put("keyId", encryption.get().keyId());
          enc.put("namesProtected", encryption.get().namesProtected());
        } else {
          o.putNull("encryption");
        }
        io.easystore.mutate.SpaceStats space = localSpace(s, encryption);
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
      out.println("encryption: " + describe(encryption));
      out.printf("size:       %d bytes (%s)%n", s.fileSize(), humanBytes(s.fileSize()));
      out.printf("entries:    %d (%d live)%n", s.entries(), s.liveEntries());
      out.printf("bodies:     %d bytes (%s)%n", s.bodyBytes(), humanBytes(s.bodyBytes()));
      out.printf("data:       offset %d, %d bytes%n", s.dataStart(), s.dataBytes());
      out.printf("meta:       offset %d, %d bytes%n", s.metaStart(), s.metaBytes());
      out.printf("index:      offset %d, %d bytes%n", s.indexStart(), s.indexBytes());
      io.easystore.mutate.SpaceStats space = localSpace(s, encryption);
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

  /**
   * One line about encryption, without secrets. Filled from {@link DesReader#encryption()}, which
   * the DES v2 reader reports once container encryption lands in core (until then: "none").
   */
  static String describe(Optional<EncryptionInfo> encryption) {
    return encryption.map(e -> e.algorithm() + ", key '" + e.keyId() + "', "
        + (e.namesProtected() ? "names and metadata protected" : "bodies only (names and metadata readable)"))
        .orElse("none");
  }

  /**
   * Live and dead bytes of a local plaintext v2 container (which may have been updated in place),
   * else null. Encrypted containers are never updated in place, so they have no dead space to
   * report, and the updater that measures it refuses them.
   */
  private io.easystore.mutate.SpaceStats localSpace(ContainerStats s, Optional<EncryptionInfo> encryption)
      throws java.io.IOException {
    if (s.formatVersion() != 2 || encryption.isPresent() || container.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*")) {
      return null;
    }
    java.nio.file.Path p = java.nio.file.Path.of(container);
    return java.nio.file.Files.isRegularFile(p) ? io.easystore.mutate.DesUpdater.space(p) : null;
  }
}
