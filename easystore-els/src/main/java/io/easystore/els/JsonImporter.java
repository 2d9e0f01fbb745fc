package io.easystore.els;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import io.easystore.CorruptContainerException;
import io.easystore.LimitExceededException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One pass over a JSON document: validating only, or writing the tree into the store. Confined to
 * one thread; the writing pass runs under the store's write lock.
 */
final class JsonImporter {
  private static final byte[] EMPTY = new byte[0];

  private final FileElsStore store;
  private final String doc;
  private final JsonParser p;
  private final boolean write;
  /** Bucket names from the root to the container being read. */
  private final List<String> path = new ArrayList<>();

  private JsonImporter(FileElsStore store, String doc, JsonParser p, boolean write) {
    this.store = store;
    this.doc = doc;
    this.p = p;
    this.write = write;
  }

  static void run(FileElsStore store, String doc, JsonMapping.Input input) throws IOException {
    pass(store, doc, input, false);
    synchronized (store.writeLock) {
      pass(store, doc, input, true);
    }
  }

  private static void pass(FileElsStore store, String doc, JsonMapping.Input input, boolean write)
      throws IOException {
    try (InputStream in = input.open(); JsonParser p = JsonMapping.FACTORY.createParser(in)) {
      new JsonImporter(store, doc, p, write).document();
    }
  }

  private void document() throws IOException {
    try {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw bad(null, "empty document");
      }
      Path root = store.directory();
      if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
        boolean array = t == JsonToken.START_ARRAY;
        if (write) {
          store.resetRoot(array ? ElsKind.ARRAY : ElsKind.OBJECT);
        }
        members(root, array);
      } else {
        if (write) {
          store.resetRoot(ElsKind.SCALAR_DOCUMENT);
        }
        scalar(root, "", 0, t);
      }
      if (p.nextToken() != null) {
        throw bad(null, "content after the end of the document");
      }
    } catch (StreamReadException e) {
      throw new CorruptContainerException(doc, offset(e.getLocation()), pointer(null),
          "invalid JSON: " + e.getOriginalMessage().replaceAll("\\[Source: [^;\\]]*; ", "["), e);
    }
  }

  private void members(Path dir, boolean array) throws IOException {
    JsonToken end = array ? JsonToken.END_ARRAY : JsonToken.END_OBJECT;
    long i = 0;
    for (JsonToken t = p.nextToken(); t != end; t = p.nextToken(), i++) {
      String key;
      if (array) {
        key = Long.toString(i);
      } else {
        key = p.currentName();
        t = p.nextToken();
      }
      if (t == null) {
        throw bad(null, "unexpected end of input");
      }
      checkKey(key);
      if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
        boolean childArray = t == JsonToken.START_ARRAY;
        int depth = path.size() + 1;
        if (depth > store.options().maxDepth()) {
          throw new LimitExceededException(doc, offset(p.currentTokenLocation()), pointer(key),
              "nesting depth (bucket depth)", depth, store.options().maxDepth(),
              "ElsOptions.withMaxDepth or --max-depth");
        }
        Path child = write
            ? store.defineBucket(dir, path, key, childArray ? ElsKind.ARRAY : ElsKind.OBJECT, i)
            : null;
        path.add(key);
        members(child, childArray);
        path.remove(path.size() - 1);
      } else {
        scalar(dir, key, i, t);
      }
    }
  }

  private void scalar(Path dir, String key, long ordinal, JsonToken t) throws IOException {
    ElsKind kind;
    byte[] value = EMPTY;
    switch (t) {
      case VALUE_STRING:
        kind = ElsKind.STRING;
        value = utf8(p.getText(), key);
        break;
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        kind = ElsKind.NUMBER;
        value = p.getText().getBytes(StandardCharsets.US_ASCII);
        break;
      case VALUE_TRUE:
        kind = ElsKind.TRUE;
        break;
      case VALUE_FALSE:
        kind = ElsKind.FALSE;
        break;
      case VALUE_NULL:
        kind = ElsKind.NULL;
        break;
      default:
        throw bad(key, "unexpected token " + t);
    }
    if (value.length > store.options().maxValueBytes()) {
      throw new LimitExceededException(doc, offset(p.currentTokenLocation()), pointer(key),
          "value size in bytes", value.length, store.options().maxValueBytes(),
          "ElsOptions.withMaxValueBytes or --max-value-bytes");
    }
    if (write) {
      store.writeValue(dir, path, key, kind, value, ordinal);
    }
  }

  private void checkKey(String key) throws CorruptContainerException, LimitExceededException {
    int n = utf8(key, key).length;
    if (n > store.options().maxKeyBytes()) {
      throw new LimitExceededException(doc, offset(p.currentTokenLocation()), pointer(key),
          "key length in UTF-8 bytes", n, store.options().maxKeyBytes(),
          "ElsOptions.withMaxKeyBytes or --max-key-bytes");
    }
  }

  private byte[] utf8(String s, String key) throws CorruptContainerException {
    try {
      Limits.utf8Length(s);
    } catch (IllegalArgumentException e) {
      throw bad(key, "text is not valid Unicode (unpaired surrogate escape)");
    }
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private CorruptContainerException bad(String key, String problem) {
    return new CorruptContainerException(doc, offset(p.currentTokenLocation()), pointer(key), problem);
  }

  private static long offset(JsonLocation loc) {
    if (loc == null) {
      return CorruptContainerException.NO_OFFSET;
    }
    return loc.getByteOffset() >= 0 ? loc.getByteOffset() : Math.max(-1, loc.getCharOffset());
  }

  /** RFC 6901 JSON Pointer of the current position. */
  private String pointer(String key) {
    StringBuilder sb = new StringBuilder();
    for (String s : path) {
      sb.append('/').append(JsonPointers.escape(s));
    }
    if (key != null) {
      sb.append('/').append(JsonPointers.escape(key));
    }
    return sb.length() == 0 ? "/" : sb.toString();
  }
}
