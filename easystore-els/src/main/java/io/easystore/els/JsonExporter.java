package io.easystore.els;

import com.fasterxml.jackson.core.JsonGenerator;
import io.easystore.CorruptContainerException;
import io.easystore.LimitExceededException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Walks a store depth-first in ordinal order and writes JSON. Confined to one thread. */
final class JsonExporter {
  /** RFC 8259 number grammar: stored number text must match it to be written raw. */
  private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  private final FileElsStore store;
  private final JsonGenerator g;
  private final List<String> path = new ArrayList<>();

  JsonExporter(FileElsStore store, JsonGenerator g) {
    this.store = store;
    this.g = g;
  }

  void run() throws IOException {
    Path root = store.directory();
    ElsKind kind = store.rootKind();
    if (kind == ElsKind.SCALAR_DOCUMENT) {
      RecordDir.Committed c = store.readValue(root, "", true);
      if (c == null) {
        throw store.records.corrupt(root, "scalar document without its value under key \"\"");
      }
      scalar(root, "", c);
    } else {
      bucket(root, kind);
    }
  }

  private void bucket(Path dir, ElsKind kind) throws IOException {
    boolean array = kind == ElsKind.ARRAY;
    if (kind == ElsKind.SCALAR_DOCUMENT) {
      throw store.records.corrupt(dir, "scalar-document bucket below the root");
    }
    if (array) {
      g.writeStartArray();
    } else {
      g.writeStartObject();
    }
    long index = 0;
    for (FileElsStore.Child c : store.children(dir)) {
      String name = c.entry().name();
      if (array && (!name.equals(Long.toString(index)) || c.entry().ordinal() != index)) {
        // Elements are keyed 0, 1, ... with ordinal = index: anything else is a removed or moved element.
        throw store.records.corrupt(dir, "array element " + index + " is missing (the next element found is key '"
            + name + "' at ordinal " + c.entry().ordinal() + "); the export reports the hole instead of closing it");
      }
      index++;
      if (!array) {
        g.writeFieldName(name);
      }
      if (c.entry().isBucket()) {
        if (path.size() + 1 > store.options().maxDepth()) {
          throw new LimitExceededException(store.directory().toString(), CorruptContainerException.NO_OFFSET,
              store.records.where(c.dir()), "bucket depth", path.size() + 1, store.options().maxDepth(),
              "ElsOptions.withMaxDepth or --max-depth");
        }
        path.add(name);
        bucket(c.dir(), c.entry().kind());
        path.remove(path.size() - 1);
      } else {
        RecordDir.Committed v = store.readValue(dir, name, true);
        if (v == null) {
          throw store.records.corrupt(c.dir(), "value disappeared during the export");
        }
        scalar(c.dir(), name, v);
      }
    }
    if (array) {
      g.writeEndArray();
    } else {
      g.writeEndObject();
    }
  }

  private void scalar(Path dir, String key, RecordDir.Committed c) throws IOException {
    byte[] v = c.value();
    ElsKind kind = c.header().kind();
    switch (kind) {
      case STRING:
        g.writeString(text(v, dir, "STRING value is not valid UTF-8"));
        break;
      case BYTES:
        String s = decodeOrNull(v);
        if (s == null) {
          throw new IOException(store.directory() + " [entry '" + pointer(key) + "']: binary value "
              + "(not UTF-8 text) has no JSON form; read it with 'des els get'");
        }
        g.writeString(s);
        break;
      case NUMBER:
        String n = new String(v, StandardCharsets.ISO_8859_1);
        if (n.length() > 100_000 || !NUMBER.matcher(n).matches()) {
          throw store.records.corrupt(dir, "NUMBER value is not a JSON number");
        }
        g.writeNumber(n);
        break;
      case TRUE:
      case FALSE:
      case NULL:
        if (v.length != 0) {
          throw store.records.corrupt(dir, kind + " value carries " + v.length + " bytes");
        }
        if (kind == ElsKind.NULL) {
          g.writeNull();
        } else {
          g.writeBoolean(kind == ElsKind.TRUE);
        }
        break;
      default:
        throw store.records.corrupt(dir, "value record of bucket kind " + kind);
    }
  }

  private String text(byte[] v, Path dir, String problem) throws CorruptContainerException {
    String s = decodeOrNull(v);
    if (s == null) {
      throw store.records.corrupt(dir, problem);
    }
    return s;
  }

  private static String decodeOrNull(byte[] v) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(v)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private String pointer(String key) {
    List<String> p = new ArrayList<>(path);
    p.add(key);
    return JsonPointers.format(p);
  }
}
