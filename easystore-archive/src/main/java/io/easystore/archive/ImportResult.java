package io.easystore.archive;

import java.util.List;

/**
 * What an import wrote and what it skipped. Immutable.
 *
 * @param format what the source was, e.g. {@code "tar+gzip"}, {@code "zip"}, {@code "fpack"}
 * @param files files written
 * @param directories directories recorded explicitly
 * @param bytes bytes of file contents written
 * @param skipped one message per entry left out, naming it and saying why
 * @param notes one message per entry imported under another name than the archive's bytes
 *     (a name that is not UTF-8, escaped), naming it and saying why
 */
public record ImportResult(String format, long files, long directories, long bytes, List<String> skipped,
    List<String> notes) {
  public ImportResult {
    skipped = List.copyOf(skipped);
    notes = List.copyOf(notes);
  }

  /** A result without notes. */
  public ImportResult(String format, long files, long directories, long bytes, List<String> skipped) {
    this(format, files, directories, bytes, skipped, List.of());
  }
}
