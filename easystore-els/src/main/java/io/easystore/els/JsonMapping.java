package io.easystore.els;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.easystore.io.ContainerSink;
import io.easystore.io.RangeSources;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * JSON documents as bucket trees, and back, without a schema. Objects become buckets, arrays
 * become buckets of kind {@link ElsKind#ARRAY} whose elements are keyed "0", "1", ..., and leaves
 * become values whose kind records the JSON type. Every entry carries its position, so an export
 * repeats the key order and array order of the import. Numbers are kept as their exact text:
 * {@code 1.0}, {@code 1e2} and {@code 123456789012345678901234567890} come back unchanged.
 *
 * <p>An import first reads the whole document once to validate it (syntax, duplicate keys,
 * nesting depth, key and value sizes, Unicode), so bad input leaves the store untouched; it then
 * replaces the store's content. The import as a whole is not atomic: an I/O failure in the second
 * pass leaves part of the document (every value in it complete). Stateless and thread-safe;
 * imports hold the store's write lock.
 */
public final class JsonMapping {
  static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      // Characters outside the BMP as themselves, not as escaped surrogate pairs.
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
      .build();

  private JsonMapping() {}

  /** Replaces the content of {@code store} with the JSON document in file {@code json}. */
  public static void importJson(ElsStore store, Path json) throws IOException {
    Objects.requireNonNull(json, "json");
    JsonImporter.run(impl(store), json.toString(), () -> Files.newInputStream(json));
  }

  /** Replaces the content of {@code store} with the JSON document {@code json}. */
  public static void importJson(ElsStore store, String json) throws IOException {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    JsonImporter.run(impl(store), "<json text>", () -> new ByteArrayInputStream(b));
  }

  /**
   * Writes the store as one JSON document to {@code out} (which stays open). Byte values
   * written through {@link ElsBucket#put} export as strings when they are UTF-8 text; other bytes
   * cannot be represented and fail the export with a message naming the key.
   */
  public static void exportJson(ElsStore store, OutputStream out, boolean pretty) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      if (pretty) {
        g.useDefaultPrettyPrinter();
      }
      new JsonExporter(impl(store), g).run();
    }
  }

  /** Writes the export to a temporary file beside {@code target} and renames it into place. */
  public static void exportJson(ElsStore store, Path target, boolean pretty) throws IOException {
    try (ContainerSink sink = RangeSources.fileSink(target)) {
      exportJson(store, new SinkStream(sink), pretty);
      sink.publish();
    }
  }

  /** Exports to a string (for small stores and tests). */
  public static String exportJson(ElsStore store, boolean pretty) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    exportJson(store, out, pretty);
    return out.toString(StandardCharsets.UTF_8);
  }

  static FileElsStore impl(ElsStore store) {
    if (store instanceof FileElsStore f) {
      return f;
    }
    throw new IllegalArgumentException("not a store opened by ElsStore.open: " + store);
  }

  /** Re-openable input, because an import reads the document twice. */
  interface Input {
    InputStream open() throws IOException;
  }

  /** Adapts a sink to a stream; closing the stream does not publish. */
  private static final class SinkStream extends OutputStream {
    private final ContainerSink sink;

    SinkStream(ContainerSink sink) {
      this.sink = sink;
    }

    @Override
    public void write(int b) throws IOException {
      sink.write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      sink.write(b, off, len);
    }
  }
}
