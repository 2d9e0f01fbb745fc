package io.easystore.cli.records;

import io.easystore.cli.keys.KeyOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonPointer;
import io.easystore.records.Bookmark;
import io.easystore.records.KeyIndexWriter;
import io.easystore.records.KeyIndexes;
import io.easystore.records.KeyType;
import io.easystore.records.RecordCursor;
import io.easystore.records.RecordReader;
import io.easystore.records.RecordTypes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "index", description = "Build a secondary index of JSON records by one field.")
final class IndexCommand extends Subcommand {
  @Parameters(index = "0", paramLabel = "ARCHIVE")
  Path archive;

  @Option(names = "--key", required = true, paramLabel = "FIELD",
      description = "Field to index: a name, a dotted path (a.b) or a JSON pointer (/a/b).")
  String field;

  @Option(names = "--key-type", paramLabel = "TYPE",
      description = "auto, string, long or uuid (default ${DEFAULT-VALUE}: long if every value is a whole number).")
  String keyType = "auto";

  @Option(names = {"-o", "--output"}, paramLabel = "PATH", description = "Index file (default ARCHIVE.FIELD.rix).")
  Path output;

  @Mixin
  ReadOptionsMixin read;

  @Mixin
  KeyOptions keys;

  private record Found(String text, boolean integral, Bookmark at) {}

  static Path defaultIndex(Path archive, String field) {
    String safe = field.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[._]+", "");
    return archive.resolveSibling(archive.getFileName() + "." + (safe.isEmpty() ? "key" : safe) + ".rix");
  }

  static JsonPointer pointer(String field) {
    if (field.startsWith("/")) {
      return JsonPointer.compile(field);
    }
    StringBuilder p = new StringBuilder();
    for (String part : field.split("\\.", -1)) {
      p.append('/').append(part.replace("~", "~0").replace("/", "~1"));
    }
    return JsonPointer.compile(p.toString());
  }

  @Override
  int run() throws Exception {
    JsonPointer ptr = pointer(field);
    List<Found> found = new ArrayList<>();
    long skipped = 0;
    Path out = output != null ? output : defaultIndex(archive, field);
    try (RecordReader r = read.open(archive, keys, this::warn)) {
      RecordCursor<byte[]> c = r.cursor(RecordTypes.bytes());
      while (c.next()) {
        JsonNode rec = Printer.parse(new String(c.current().value(), StandardCharsets.UTF_8));
        JsonNode v = rec == null ? null : rec.at(ptr);
        if (v == null || v.isMissingNode() || v.isNull() || v.isContainerNode()) {
          skipped++;
          continue;
        }
        found.add(new Found(v.asText(), v.isIntegralNumber() && v.canConvertToLong(), c.current().bookmark()));
      }
      KeyType type = chooseType(found);
      KeyIndexWriter w = KeyIndexes.writer(out, type, field, r.metadata(), r.name());
      try {
        for (Found f : found) {
          w.addEncoded(type.parse(f.text), f.at);
        }
      } catch (RuntimeException e) {
        w.abort();
        throw e;
      }
      w.close();
      out().println("indexed " + found.size() + " records by " + field + " (" + type.label() + " keys) into "
          + out + (skipped > 0 ? "; " + skipped + " records without the field skipped" : ""));
    }
    return OK;
  }

  private KeyType chooseType(List<Found> found) {
    if (!"auto".equalsIgnoreCase(keyType)) {
      try {
        return KeyType.fromLabel(keyType);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--key-type must be auto, string, long or uuid, got '" + keyType + "'");
      }
    }
    boolean allIntegral = !found.isEmpty() && found.stream().allMatch(Found::integral);
    return allIntegral ? KeyType.LONG : KeyType.STRING;
  }
}
