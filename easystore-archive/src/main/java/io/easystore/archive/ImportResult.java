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
 */
public record ImportResult(String format, long files, long directories, long bytes, List<String> skipped) {
  public ImportResult {
    skipped = List.copyOf(skipped);
  }
}
