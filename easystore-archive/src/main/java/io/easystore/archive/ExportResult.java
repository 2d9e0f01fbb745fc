package io.easystore.archive;

import java.util.List;

/**
 * What an export wrote and what it left out. Immutable.
 *
 * @param files files written
 * @param directories directories written
 * @param bytes bytes of file contents written
 * @param skipped one message per entry left out (a name that would be unsafe to extract)
 */
public record ExportResult(long files, long directories, long bytes, List<String> skipped) {
  public ExportResult {
    skipped = List.copyOf(skipped);
  }
}
